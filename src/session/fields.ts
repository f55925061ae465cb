// The shape a request's content must have: each field's JSON type. A request that does not fit
// gets a BadRequest reply and runs nothing (a `code` of 123 must not run as "123").
export type FieldType = "string" | "boolean" | "integer" | "object" | "array";

/** Field name → its type; a name ending in `!` is required. */
export type Fields = Record<string, FieldType>;

/** Why `content` does not fit `fields`, or undefined when it does. */
export function problemWith(content: Record<string, unknown>, fields: Fields): string | undefined {
  for (const [key, type] of Object.entries(fields)) {
    const required = key.endsWith("!");
    const name = required ? key.slice(0, -1) : key;
    const value = Object.prototype.hasOwnProperty.call(content, name) ? content[name] : undefined;
    if (value === undefined || value === null) {
      if (required) return `'${name}' is required`;
      continue;
    }
    if (!fits(value, type)) return `'${name}' must be ${type === "integer" || type === "object" || type === "array" ? "an" : "a"} ${type}`;
  }
  return undefined;
}

function fits(value: unknown, type: FieldType): boolean {
  switch (type) {
    case "integer":
      return Number.isInteger(value);
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}
