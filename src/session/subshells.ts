// The subshells created on control (JEP 91), by id. The main shell is not among them (as
// list_subshell_reply leaves it out). Each is a Shell of its own, on the one shared event loop.
import { randomUUID } from "node:crypto";
import type { Shell } from "./shell";

export class Subshells {
  private readonly byId = new Map<string, Shell>();

  constructor(private readonly newShell: () => Shell) {}

  /** A new subshell; returns its id. */
  create(): string {
    const id = randomUUID();
    this.byId.set(id, this.newShell());
    return id;
  }

  /** The subshell a header's `subshell_id` names (any value that is no subshell's id: none). */
  get(id: unknown): Shell | undefined {
    return typeof id === "string" ? this.byId.get(id) : undefined;
  }

  /** Forgets a subshell: requests naming it from now on are refused; what it runs or has waiting
   * still runs, so every request it took gets its reply. False if there is none by that id. */
  delete(id: string): boolean {
    return this.byId.delete(id);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }
}
