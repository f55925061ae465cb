// Visits every node of a parsed cell: oxc's ESTree nodes are plain objects with a `type`, so a
// generic walk over their fields finds nested ones without a visitor per node type.
import type { Node } from "./parse";

/** Calls `visit` on `root` and every node below it, parents before children, in source order. */
export function walk(root: Node, visit: (node: Node) => void): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
    } else if (isNode(value)) {
      visit(value);
      const children = Object.entries(value).filter(([key, child]) => key !== "parent" && typeof child === "object" && child !== null);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i][1]);
    }
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}
