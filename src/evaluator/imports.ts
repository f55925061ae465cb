// A cell's static imports as bindings from the kernel's loader (a REPL evaluation cannot
// import): `import x, { a as b } from "m"` → `const { default: x, a: b } = await __tsloop_import("m");`.
// Type-only imports and specifiers go; value imports stay even if unused (a later cell may use them).
import type { Ast } from "../syntax/parse";
import { LOADER } from "./module-globals";

/** The statement that replaces an import declaration ("" for a type-only one). */
export function importAsBindings(code: string, node: Ast.ImportDeclaration): string {
  if (node.importKind === "type") return "";
  const load = `await ${LOADER}(${code.slice(node.source.start, node.source.end)}${attributes(code, node)})`;
  const namespace = node.specifiers.find((s) => s.type === "ImportNamespaceSpecifier");
  const fallback = node.specifiers.find((s) => s.type === "ImportDefaultSpecifier");
  if (namespace) {
    const statements = [`const ${namespace.local.name} = ${load};`];
    if (fallback) statements.push(`const ${fallback.local.name} = ${namespace.local.name}.default;`);
    return statements.join(" ");
  }
  const bindings = node.specifiers.flatMap((s) => binding(code, s));
  if (node.specifiers.length === 0 || bindings.length === 0) return `${load};`;
  return `const { ${bindings.join(", ")} } = ${load};`;
}

/** `import x = require("m")` → `const x = require("m");`; "" for a type-only one. */
export function requireBinding(code: string, node: Ast.TSImportEqualsDeclaration): string {
  if (node.importKind === "type" || node.moduleReference.type !== "TSExternalModuleReference") return "";
  const specifier = node.moduleReference.expression;
  return `const ${node.id.name} = require(${code.slice(specifier.start, specifier.end)});`;
}

function binding(code: string, specifier: Ast.ImportDeclarationSpecifier): string[] {
  if (specifier.type === "ImportDefaultSpecifier") return [`default: ${specifier.local.name}`];
  if (specifier.type !== "ImportSpecifier" || specifier.importKind === "type") return [];
  const imported = code.slice(specifier.imported.start, specifier.imported.end); // a name or a "string"
  return [imported === specifier.local.name ? imported : `${imported}: ${specifier.local.name}`];
}

/** `with { type: "json" }` becomes the loader's options, as `import(m, { with: … })` takes them. */
function attributes(code: string, node: Ast.ImportDeclaration): string {
  const list = node.attributes;
  if (list.length === 0) return "";
  return `, { with: { ${code.slice(list[0].start, list[list.length - 1].end)} } }`;
}
