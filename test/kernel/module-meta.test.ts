// Dynamic import() and module metadata in cells, through the real kernel process started in a
// notebook folder of its own: import() resolves as a static import does (builtins, local .mjs and
// .cjs files, an ESM-only package with an exports map, computed specifiers, import attributes, a
// query that loads an edited file again), a module that is missing, throws or does not parse is
// reported where it failed and the kernel lives on, import.meta and __dirname/__filename name the
// notebook's folder (or the notebook), and the checker types import() from declarations.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { KernelClient } from "../../src/client/kernel-client";
import { ofType, plain, startKernel, tracebackText } from "../support/kernel";

let dir: string;
let kernel: KernelClient;

beforeAll(async () => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), "tsloop-modules-")));
  writeFileSync(join(dir, "local.mjs"), "export const answer = 42;\n/** @param {number} n */\nexport function twice(n) {\n  return n * 2;\n}\n");
  // Code that says nothing of its types, and declarations beside it that do.
  writeFileSync(join(dir, "declared.mjs"), "export const half = (n) => n / 2;\n");
  writeFileSync(join(dir, "declared.d.mts"), "export declare function half(n: number): number;\n");
  writeFileSync(join(dir, "legacy.cjs"), 'module.exports = { greet: (name) => "hi " + name };\n');
  writeFileSync(join(dir, "throws.mjs"), 'throw new Error("failed while loading");\n');
  writeFileSync(join(dir, "unparsable.mjs"), "export const = 1;\n");
  writeFileSync(join(dir, "imports-unparsable.mjs"), 'import "./unparsable.mjs";\n');
  writeFileSync(join(dir, "unparsable.cjs"), "module.exports = {;\n");
  writeFileSync(join(dir, "data.json"), '{ "x": 1 }\n');
  const pkg = join(dir, "node_modules", "esm-only");
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "esm-only", type: "module", exports: { ".": { import: "./index.js" } } }));
  writeFileSync(join(pkg, "index.js"), 'export const kind = "esm";\n');
  // Types and code under Node's "node" condition and under "default": the checker must read the branch that runs.
  const conditional = join(dir, "node_modules", "conditional");
  mkdirSync(conditional, { recursive: true });
  const branch = (name: string) => ({ types: `./${name}.d.ts`, default: `./${name}.js` });
  writeFileSync(
    join(conditional, "package.json"),
    JSON.stringify({ name: "conditional", type: "module", exports: { ".": { node: branch("node"), default: branch("other") } } }),
  );
  for (const name of ["node", "other"]) {
    writeFileSync(join(conditional, `${name}.js`), `export const where = "${name}";\n`);
    writeFileSync(join(conditional, `${name}.d.ts`), `export declare const where: "${name}";\n`);
  }
  kernel = await startKernel({ cwd: dir });
});

afterAll(async () => {
  await kernel?.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

async function valueOf(code: string): Promise<string | undefined> {
  const { reply, messages } = await kernel.execute(code);
  expect({ status: reply.content.status, evalue: reply.content.evalue }).toEqual({ status: "ok", evalue: undefined });
  return plain(ofType(messages, "execute_result")[0]);
}

describe("import() in a cell", () => {
  it("loads a node builtin at the top level", async () => {
    expect(await valueOf('const os = await import("node:os");\ntypeof os.cpus')).toBe("'function'");
  });

  it("loads a local .mjs file relative to the notebook's folder", async () => {
    expect(await valueOf('const local = await import("./local.mjs");\nlocal.twice(local.answer)')).toBe("84");
  });

  it("loads a .cjs file from inside a function, its exports under default (and by name)", async () => {
    const code =
      'async function load(name: string) {\n  return import(name);\n}\nconst legacy = await load("./legacy.cjs");\n[legacy.default.greet("a"), legacy.greet("b")]';
    expect(await valueOf(code)).toBe("[ 'hi a', 'hi b' ]");
  });

  it("loads an ESM-only package by its exports map, with a computed specifier", async () => {
    expect(await valueOf('const which = ["esm", "only"].join("-");\n(await import(which)).kind')).toBe("'esm'");
  });

  it("passes import attributes on (a JSON module)", async () => {
    expect(await valueOf('(await import("./data.json", { with: { type: "json" } })).default.x')).toBe("1");
  });

  it("rejects with an error naming a missing module, and the kernel lives on", async () => {
    const { reply } = await kernel.execute('await import("./nowhere.mjs");');
    expect(reply.content.status).toBe("error");
    expect(String(reply.content.evalue)).toContain("./nowhere.mjs");
    // Unchecked, so the runtime's rejection shows (the checker rejects the missing module first: TS2307).
    const rejected = await kernel.execute('// @tsloop-check off\nconst late = () => import("./nowhere.mjs");\nawait late();');
    expect(rejected.reply.content.evalue).toBe(`Cannot find module './nowhere.mjs': no such file from the notebook's folder (${dir})`);
    const missingPackage = await kernel.execute('// @tsloop-check off\nawait import(["no", "such", "package"].join("-"));');
    expect(missingPackage.reply.content.evalue).toBe(
      "Cannot find module 'no-such-package': not in node_modules of the notebook's folder or any folder above it",
    );
    expect(await valueOf("1 + 1")).toBe("2");
  });

  it("shows a module's own error thrown while it loads below the cell's lines that imported it", async () => {
    const { reply } = await kernel.execute(
      '// @tsloop-check off\nasync function load() {\n  const loaded = await import("./throws.mjs");\n  return loaded;\n}\nawait load();',
    );
    expect(reply.content.evalue).toBe("failed while loading");
    const traceback = tracebackText(reply.content);
    expect(traceback).toMatch(/Cell In\[\d+\], line 6\n[^]*Cell In\[\d+\], line 3, in load\n[^]*throws\.mjs:1:7\n/);
  });

  it("names the file, line and column of a module that does not parse (also one it imports), not the cell", async () => {
    for (const [specifier, file, source, caret] of [
      ["./imports-unparsable.mjs", "unparsable.mjs", "export const = 1;", "             ^"],
      ["./unparsable.cjs", "unparsable.cjs", "module.exports = {;", "                  ^"],
    ]) {
      const { reply } = await kernel.execute(`// @tsloop-check off\nconst broken = await import("${specifier}");`);
      expect(reply.content.ename).toBe("SyntaxError");
      expect(tracebackText(reply.content)).toContain(`${join(dir, file)}, line 1\n    ${source}\n    ${caret}\n`);
    }
    expect(await valueOf("1 + 1")).toBe("2");
  });

  it("loads a file again after it was edited, under a new query, as Node does", async () => {
    writeFileSync(join(dir, "edited.mjs"), "export const version = 1;\n");
    expect(await valueOf('(await import("./edited.mjs")).version')).toBe("1");
    writeFileSync(join(dir, "edited.mjs"), "export const version = 2;\n");
    expect(await valueOf("const again = await import(`./edited.mjs?v=${Date.now()}`);\nagain.version")).toBe("2");
    expect(await valueOf('(await import("./edited.mjs")).version')).toBe("1"); // the first load stays cached
  });
});

describe("module metadata in a cell", () => {
  it("import.meta names the notebook's folder and a file in it for the cell", async () => {
    const cellFile = join(dir, "__tsloop_cell__.ts");
    const shown = await valueOf(
      'JSON.stringify([import.meta.url, import.meta.dirname, import.meta.filename, import.meta.resolve("./local.mjs"), import.meta.resolve("esm-only")])',
    );
    const expected = [
      pathToFileURL(cellFile).href,
      dir,
      cellFile,
      pathToFileURL(join(dir, "local.mjs")).href,
      pathToFileURL(join(dir, "node_modules/esm-only/index.js")).href,
    ];
    expect(shown).toBe(`'${JSON.stringify(expected)}'`);
  });

  it("import.meta.resolve gives a path's URL even when no file is there, and names a missing package", async () => {
    expect(await valueOf('import.meta.resolve("./later.mjs?v=1")')).toBe(`'${pathToFileURL(join(dir, "later.mjs")).href}?v=1'`);
    const { reply } = await kernel.execute('import.meta.resolve("no-such-package")');
    expect(reply.content.evalue).toMatch(/^Cannot find module 'no-such-package'/);
  });

  it("names the notebook itself when the frontend says which (JPY_SESSION_NAME, a path from Jupyter's root)", async () => {
    writeFileSync(join(dir, "lesson.ipynb"), "{}\n");
    const named = await startKernel({ cwd: dir, env: { ...process.env, JPY_SESSION_NAME: "course/lesson.ipynb" } });
    try {
      const { messages } = await named.execute('JSON.stringify([import.meta.url, __filename, (await import("./local.mjs")).answer])');
      const notebook = join(dir, "lesson.ipynb");
      expect(plain(ofType(messages, "execute_result")[0])).toBe(`'${JSON.stringify([pathToFileURL(notebook).href, notebook, 42])}'`);
    } finally {
      await named.shutdown();
    }
  });

  it("__dirname and __filename are there for code written for CommonJS", async () => {
    expect(await valueOf("JSON.stringify([__dirname, __filename])")).toBe(`'${JSON.stringify([dir, join(dir, "__tsloop_cell__.ts")])}'`);
  });
});

describe("the type checker and import()", () => {
  it("types a local module's namespace: a wrong use is a type error on the cell's line and column", async () => {
    const { reply } = await kernel.execute('const typed = await import("./local.mjs");\ntyped.twice("two");');
    expect(reply.content.ename).toBe("TSError");
    expect(tracebackText(reply.content)).toMatch(/line 2, col 13: error TS2345: Argument of type 'string' is not assignable to parameter of type 'number'/);
    expect(await valueOf('const checked = await import("./local.mjs");\nchecked.twice(2)')).toBe("4");
  });

  it("types a local module by the declarations beside it (a .d.mts for a .mjs)", async () => {
    const { reply } = await kernel.execute('const { half } = await import("./declared.mjs");\nconst n: string = half(4);');
    expect(tracebackText(reply.content)).toMatch(/line 2, col 7: error TS2322: Type 'number' is not assignable to type 'string'/);
  });

  it("types a package by the declarations of the exports branch Node runs (its node condition)", async () => {
    expect(await valueOf('const { where } = await import("conditional");\nconst checked: "node" = where;\nchecked')).toBe("'node'");
    const { reply } = await kernel.execute('const branch = await import("conditional");\nconst wrong: "other" = branch.where;');
    expect(tracebackText(reply.content)).toMatch(/line 2, col 7: error TS2322: Type '"node"' is not assignable to type '"other"'/);
  });

  it("knows import.meta's fields and __dirname as strings", async () => {
    expect(await valueOf("const folder: string = import.meta.dirname;\nconst cellDir: string = __dirname;\nfolder === cellDir")).toBe("true");
    const { reply } = await kernel.execute("const wrong: number = import.meta.url;");
    expect(reply.content.ename).toBe("TSError");
  });
});
