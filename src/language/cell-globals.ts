// The types of the globals every cell finds without an import (kernel/globals.ts and
// src/coroutines/globals.ts install them), as an ambient file over the kernel's own declarations.
import { join } from "node:path";

/** `srcDir` holds the kernel's display/, io/ and coroutines/ (their .d.ts in dist, .ts in src). */
export function cellGlobalsDeclaration(srcDir: string): string {
  const from = (module: string) => JSON.stringify(join(srcDir, module));
  const installed = `import(${from("coroutines/globals")}).InstalledGlobals`;
  const lines = [
    `declare var display: typeof import(${from("display/display")}).display;`,
    `declare var clearOutput: typeof import(${from("display/display")}).clearOutput;`,
    ...["input", "getpass", "prompt", "confirm", "alert"].map((name) => `declare var ${name}: typeof import(${from("io/input")}).${name};`),
    `declare var comms: typeof import(${from("comms/index")}).comms;`,
    `declare var widgets: typeof import(${from("widgets/index")});`,
    ...["asyncio", "time", "threading", "print", "repr", "tuple", "send"].map((name) => `declare var ${name}: ${installed}["${name}"];`),
  ];
  return lines.join("\n") + "\n";
}
