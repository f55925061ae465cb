// Inspector objects as DAP variables: each expandable object gets a numbered handle (the
// variablesReference), good until the thread resumes.
import type { DapVariable } from "./dap";
import type { MainThreadInspector, RemoteObject } from "./inspector";

type Property = { name: string; value?: RemoteObject; get?: RemoteObject };

/** Names the inspector lists on objects that only add noise to a variables panel. */
const HIDDEN = new Set(["__proto__", "[[Prototype]]"]);
const MAX_CHILDREN = 1000;

export class VariableHandles {
  private readonly objects = new Map<number, string>();
  private next = 1;

  /** A handle for an object (0: nothing to expand). */
  handle(remote: RemoteObject | undefined): number {
    if (!remote?.objectId || (remote.type !== "object" && remote.type !== "function") || remote.subtype === "null") return 0;
    const id = this.next++;
    this.objects.set(id, remote.objectId);
    return id;
  }

  objectId(reference: number): string | undefined {
    return this.objects.get(reference);
  }

  clear(): void {
    this.objects.clear();
  }
}

export function describeValue(remote: RemoteObject | undefined): string {
  if (!remote) return "undefined";
  if (remote.type === "string") return JSON.stringify(remote.value);
  if (remote.unserializableValue !== undefined) return remote.unserializableValue;
  if (remote.description !== undefined) return remote.description;
  return String(remote.value);
}

export function typeOf(remote: RemoteObject | undefined): string {
  if (!remote) return "undefined";
  return remote.className ?? remote.subtype ?? remote.type;
}

export function toVariable(name: string, remote: RemoteObject | undefined, handles: VariableHandles): DapVariable {
  return { name, value: describeValue(remote), type: typeOf(remote), variablesReference: handles.handle(remote), evaluateName: name };
}

/** The children of an object: its own properties, and the entries of a Map or Set. */
export async function childrenOf(inspector: MainThreadInspector, objectId: string, handles: VariableHandles): Promise<DapVariable[]> {
  const reply = await inspector.post<{ result: Property[]; internalProperties?: Property[] }>("Runtime.getProperties", {
    objectId,
    ownProperties: true,
    accessorPropertiesOnly: false,
  });
  const properties = [...(reply.internalProperties ?? []), ...reply.result].filter((p) => !HIDDEN.has(p.name));
  return properties.slice(0, MAX_CHILDREN).map((p) => toVariable(p.name, p.value ?? p.get, handles));
}
