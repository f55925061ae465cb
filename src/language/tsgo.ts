// Where TypeScript 7's native compiler is: the `typescript` package (installed as `typescript7`)
// ships it in a platform package, whose `tsc` binary speaks the language server protocol.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const PACKAGE = "typescript7";

/** The version of TypeScript that checks cells (what kernel_info_reply names). */
export function typescriptVersion(): string {
  return (JSON.parse(readFileSync(require.resolve(`${PACKAGE}/package.json`), "utf8")) as { version: string }).version;
}

/** The native `tsc` of this platform, found from the typescript package as its own launcher does. */
export function tsgoBinary(): string {
  const from = dirname(require.resolve(`${PACKAGE}/package.json`));
  const platformPackage = `@typescript/typescript-${process.platform}-${process.arch}/package.json`;
  const exe = process.platform === "win32" ? "tsc.exe" : "tsc";
  return join(dirname(require.resolve(platformPackage, { paths: [from] })), "lib", exe);
}
