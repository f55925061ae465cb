// The comms' state: the targets cells registered and the comms that are open, by id.
import { randomUUID } from "node:crypto";
import { Comm } from "./comm";
import { cellCallback } from "./outlet";
import type { CommMessage } from "./types";

/** What runs when the frontend opens a comm to a target: the new comm and the comm_open. */
export type TargetHandler = (comm: Comm, openMessage: CommMessage) => unknown;

export class CommRegistry {
  private readonly targets = new Map<string, (comm: Comm, openMessage: CommMessage) => void>();
  private readonly open = new Map<string, Comm>();

  /** Registers (or replaces) a target's handler, bound to the calling cell. */
  registerTarget(targetName: string, handler: TargetHandler): void {
    this.targets.set(targetName, cellCallback(handler));
  }

  unregisterTarget(targetName: string): void {
    this.targets.delete(targetName);
  }

  target(targetName: string): ((comm: Comm, openMessage: CommMessage) => void) | undefined {
    return this.targets.get(targetName);
  }

  /** A new open comm (a fresh id, as ipykernel's: 32 hex digits, unless the frontend chose it). */
  add(targetName: string, id: string = randomUUID().replace(/-/g, "")): Comm {
    const comm = new Comm(id, targetName, (closed) => this.open.get(closed.id) === closed && this.open.delete(closed.id));
    this.open.set(id, comm);
    return comm;
  }

  get(id: string): Comm | undefined {
    return this.open.get(id);
  }

  /** The open comms by id with their target, only `targetName`'s when given (comm_info_reply). */
  info(targetName?: string): Record<string, { target_name: string }> {
    const listed: Record<string, { target_name: string }> = {};
    for (const [id, comm] of this.open) if (targetName === undefined || comm.targetName === targetName) listed[id] = { target_name: comm.targetName };
    return listed;
  }
}
