// Inspector objects as DAP variables: each expandable object gets a numbered handle (the
// variablesReference), good until the thread resumes.
import type { DapVariable } from "./dap";
import type { MainThreadInspector, RemoteObject } from "./inspector";

type Property = { name: string; value?: RemoteObject; get?: RemoteObject };

/** Names the inspector lists on objects that only add noise to a variables panel. */
const HIDDEN = new Set(["__proto__", "[[Prototype]]"]);
const MAX_CHILDREN = 1000;

/** A scope of a paused frame: its variables are bindings, set through the frame, not properties. */
export interface FrameScope {
  frameId: number;
  scopeNumber: number;
  type: string;
}

export class VariableHandles {
  private readonly objects = new Map<number, string>();
  private readonly scopes = new Map<number, FrameScope>();
  private next = 1;

  /** A handle for an object (0: nothing to expand); `scope` when the object is a frame's scope. */
  handle(remote: RemoteObject | undefined, scope?: FrameScope): number {
    if (!remote?.objectId || (remote.type !== "object" && remote.type !== "function") || remote.subtype === "null") return 0;
    const id = this.next++;
    this.objects.set(id, remote.objectId);
    if (scope) this.scopes.set(id, scope);
    return id;
  }

  objectId(reference: number): string | undefined {
    return this.objects.get(reference);
  }

  scope(reference: number): FrameScope | undefined {
    return this.scopes.get(reference);
  }

  clear(): void {
    this.objects.clear();
    this.scopes.clear();
  }
}

/** A remote value as an argument of a call into the main thread. */
export function callArgument(remote: RemoteObject): { objectId?: string; unserializableValue?: string; value?: unknown } {
  if (remote.objectId) return { objectId: remote.objectId };
  if (remote.unserializableValue !== undefined) return { unserializableValue: remote.unserializableValue };
  return { value: remote.value };
}

export function describeValue(remote: RemoteObject | undefined): string {
  if (!remote) return "undefined";
  if (remote.type === "string") return JSON.stringify(remote.value);
  if (remote.unserializableValue !== undefined) return remote.unserializableValue;
  if (remote.description !== undefined) return remote.description;
  return String(remote.value);
}

/**
 * A primitive's type by the name JupyterLab's variables tree knows it (Python's): the tree shows
 * the value of an int, float, str or bool, and of any other type only its name.
 */
const PRIMITIVE_TYPES: Record<string, (value: unknown) => string> = {
  number: (value) => (Number.isSafeInteger(value) ? "int" : "float"),
  string: () => "str",
  boolean: () => "bool",
};

export function typeOf(remote: RemoteObject | undefined): string {
  if (!remote) return "undefined";
  const primitive = PRIMITIVE_TYPES[remote.type];
  return primitive ? primitive(remote.value) : (remote.className ?? remote.subtype ?? remote.type);
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
