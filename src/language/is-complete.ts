// is_complete for TypeScript without the compiler: a small scanner that follows strings,
// template literals, comments and brackets. Open ones mean "incomplete", a stray closer "invalid".
export type Completeness = { status: "complete" | "invalid" } | { status: "incomplete"; indent: string };

const CLOSERS: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

export function isComplete(code: string): Completeness {
  const open: string[] = [];
  let i = 0;
  const n = code.length;
  while (i < n) {
    const c = code[i];
    const next = code[i + 1];
    if (c === "/" && next === "/") {
      while (i < n && code[i] !== "\n") i++;
    } else if (c === "/" && next === "*") {
      const end = code.indexOf("*/", i + 2);
      if (end < 0) return incomplete(open);
      i = end + 2;
      continue;
    } else if (c === '"' || c === "'") {
      i = skipQuoted(code, i, c);
      if (i < 0) return { status: "invalid" }; // a plain string may not span lines
    } else if (c === "`") {
      open.push("`");
    } else if (open[open.length - 1] === "`" && c === "$" && next === "{") {
      open.push("${");
      i++;
    } else if (c === "(" || c === "[" || c === "{") {
      open.push(c);
    } else if (c === ")" || c === "]" || c === "}") {
      const top = open.pop();
      if (!(top === CLOSERS[c] || (c === "}" && top === "${"))) return { status: "invalid" };
    }
    i++;
    while (open[open.length - 1] === "`" && i < n) {
      // inside a template literal: only its end or a ${ matter
      if (code[i] === "\\") i += 2;
      else if (code[i] === "`") {
        open.pop();
        i++;
        break;
      } else if (code[i] === "$" && code[i + 1] === "{") break;
      else i++;
    }
  }
  if (open.length > 0) return incomplete(open);
  if (/(?:[+\-*/%=&|^<>,.?:]|=>)\s*$/.test(code.replace(/\/\/[^\n]*$/, "")) && !/(\+\+|--)\s*$/.test(code)) return incomplete(open);
  return { status: "complete" };
}

function skipQuoted(code: string, start: number, quote: string): number {
  for (let i = start + 1; i < code.length; i++) {
    if (code[i] === "\\") i++;
    else if (code[i] === quote) return i;
    else if (code[i] === "\n") return -1;
  }
  return -1;
}

function incomplete(open: string[]): Completeness {
  return { status: "incomplete", indent: "  ".repeat(open.filter((o) => o !== "`").length) };
}
