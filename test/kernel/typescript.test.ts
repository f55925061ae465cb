// TypeScript cells through the real kernel process: the whole language, imports from the
// notebook's folder (CommonJS and ESM-only), tracebacks on the cells' own lines, rich display,
// Node-style text/plain and input.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KernelClient } from "../../src/client/kernel-client";
import { ofType, plain, startKernel, streamText, textOf } from "../support/kernel";

let kernel: KernelClient;
let notebookDir: string;

/** A notebook folder with a CommonJS and an ESM-only package in node_modules. */
function makeNotebookDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "tsloop-nbdir-"));
  const pkg = (name: string, manifest: object, file: string, code: string) => {
    mkdirSync(join(dir, "node_modules", name), { recursive: true });
    writeFileSync(join(dir, "node_modules", name, "package.json"), JSON.stringify({ name, version: "1.0.0", ...manifest }));
    writeFileSync(join(dir, "node_modules", name, file), code);
  };
  pkg("cjs-greeter", { main: "index.js" }, "index.js", "exports.greet = (n) => `hello ${n}`; exports.kind = 'cjs';");
  pkg(
    "esm-only-greeter",
    { type: "module", exports: { ".": { import: "./index.js" } } },
    "index.js",
    "export const greet = (n) => `hi ${n}`; export default 'esm default';",
  );
  writeFileSync(join(dir, "local-helper.js"), "module.exports = { twice: (n) => n * 2 };");
  return dir;
}

beforeAll(async () => {
  notebookDir = makeNotebookDir();
  kernel = await startKernel({ cwd: notebookDir });
});
afterAll(async () => {
  await kernel?.shutdown();
  rmSync(notebookDir, { recursive: true, force: true });
});

const resultOf = async (code: string) => {
  const { reply, messages } = await kernel.execute(code);
  expect({ status: reply.content.status, evalue: reply.content.evalue }).toEqual({ status: "ok", evalue: undefined });
  return plain(ofType(messages, "execute_result")[0]);
};

describe("the whole language", () => {
  it("runs enums, const enums, namespaces, parameter properties, decorators and satisfies", async () => {
    await kernel.execute(
      [
        "enum Color { Red, Green }",
        "const enum Size { Small = 1, Large = 3 }",
        "namespace Geometry { export const unit = 10; }",
        "class Account { constructor(public owner: string, private readonly cents = 0) {} get total() { return this.cents; } }",
        "function sealed<T extends abstract new (...args: any[]) => object>(target: T, _context: ClassDecoratorContext) { Object.seal(target); return target; }",
        "@sealed class Ledger {}",
        "const settings = { retries: 3 } satisfies Record<string, number>;",
      ].join("\n"),
    );
    expect(await resultOf("[Color.Green, Size.Large, Geometry.unit, new Account('ann', 5).total, Object.isSealed(Ledger), settings.retries]")).toBe(
      "[ 1, 3, 10, 5, true, 3 ]",
    );
  });

  it("runs `using`, generators and async generators, and knows types of earlier cells", async () => {
    await kernel.execute(
      "type Pair<T> = [T, T];\nfunction* count(n: number) { for (let i = 0; i < n; i++) yield i; }\nasync function* ticks() { yield 'a'; yield 'b'; }",
    );
    const { messages } = await kernel.execute(
      [
        "{ using guard = { [Symbol.dispose]() { console.log('disposed'); } }; console.log('inside'); }",
        "const pair: Pair<number> = [...count(2)] as Pair<number>;",
        "const seen: string[] = [];",
        "for await (const t of ticks()) seen.push(t);",
        "[pair, seen]",
      ].join("\n"),
    );
    expect(streamText(messages)).toBe("inside\ndisposed\n");
    expect(plain(ofType(messages, "execute_result")[0])).toBe("[ [ 0, 1 ], [ 'a', 'b' ] ]");
  });

  it("re-runs cells whose decorators and top-level `using` need esbuild's helpers, which are never the result", async () => {
    const decorated = [
      "function logged<T extends (...args: any[]) => unknown>(method: T, context: ClassMethodDecoratorContext) {",
      "  return function (this: unknown, ...args: any[]) { console.log(`call ${String(context.name)}`); return method.apply(this, args); } as T;",
      "}",
      "class Greeter { @logged hello() { return 'hi'; } }",
    ].join("\n");
    for (let run = 0; run < 2; run++) {
      const { reply, messages } = await kernel.execute(decorated);
      expect(reply.content.status).toBe("ok");
      expect(ofType(messages, "execute_result")).toEqual([]);
    }
    const called = await kernel.execute("new Greeter().hello()");
    expect([streamText(called.messages), plain(ofType(called.messages, "execute_result")[0])]).toEqual(["call hello\n", "'hi'"]);
    const disposing = "using lease = { [Symbol.dispose]() { console.log('released'); } };\nconst leased = 2;\nleased * 21";
    for (let run = 0; run < 2; run++) {
      const { reply, messages } = await kernel.execute(disposing);
      expect(reply.content.status).toBe("ok");
      expect(streamText(messages)).toBe("released\n");
      expect(plain(ofType(messages, "execute_result")[0])).toBe("42");
    }
  });

  it("keeps the name of a function that shadows an outer one, in its value and in a traceback", async () => {
    const { reply, messages } = await kernel.execute(
      'const wrap = <T,>(f: T) => f;\nconst shadowed = wrap(function shadowed() { throw new Error("inner"); });\nconsole.log(shadowed.name);\nshadowed();',
    );
    expect(streamText(messages)).toBe("shadowed\n");
    expect((reply.content.traceback as string[]).join("\n")).toMatch(/Cell In\[\d+\], line 2.*in .*shadowed\b/);
  });

  it("drops `export`: an exported declaration stays declared, an exported default value is no result", async () => {
    const { reply, messages } = await kernel.execute(
      "export const shared = 1;\nexport function shout(s: string) { return s.toUpperCase(); }\nexport default { shared };",
    );
    expect(reply.content.status).toBe("ok");
    expect(ofType(messages, "execute_result")).toEqual([]);
    expect(await resultOf("[shared, shout('a')]")).toBe("[ 1, 'A' ]");
  });
});

describe("imports", () => {
  it("keeps the cell's lines after an import written over several lines", async () => {
    const { reply } = await kernel.execute(
      'import {\n  type Stats,\n  existsSync,\n} from "node:fs";\nconst present: boolean = existsSync(".");\nthrow new Error("after");',
    );
    expect(reply.content.evalue).toBe("after");
    expect((reply.content.traceback as string[]).join("\n")).toMatch(/Cell In\[\d+\], line 6/);
  });

  it("rewrites import() and import.meta anywhere in a cell", async () => {
    expect(
      await resultOf(
        'async function folderOf() { return (await import("node:path")).dirname(import.meta.filename); }\n(await folderOf()) === import.meta.dirname',
      ),
    ).toBe("true");
  });

  it("imports default, named and namespace bindings, and require works", async () => {
    expect(
      await resultOf(
        [
          'import fs, { existsSync } from "node:fs";',
          'import { readFile } from "fs/promises";',
          'import * as path from "path";',
          'import type { Stats } from "fs";',
          "const stats: Stats | undefined = undefined;",
          'const os = require("os");',
          "[typeof fs.readFileSync, typeof existsSync, typeof readFile, path.basename('/a/b.ts'), typeof os.cpus, stats]",
        ].join("\n"),
      ),
    ).toBe("[ 'function', 'function', 'function', 'b.ts', 'function', undefined ]");
  });

  it("resolves CommonJS and ESM-only packages from the notebook's folder", async () => {
    expect(await resultOf('import { greet, kind } from "cjs-greeter";\n[greet("ann"), kind]')).toBe("[ 'hello ann', 'cjs' ]");
    expect(await resultOf('import label, { greet as hi } from "esm-only-greeter";\n[label, hi("bob")]')).toBe("[ 'esm default', 'hi bob' ]");
    expect(await resultOf('import { twice } from "./local-helper";\ntwice(21)')).toBe("42");
  });

  it('imports the kernel\'s own API from "tsloop" with its types', async () => {
    expect(
      await resultOf(
        [
          'import { asyncio, display as show, type DisplayHandle } from "tsloop";',
          "const handle: DisplayHandle | undefined = show('x', { displayId: true });",
          'const viaRequire = require("tsloop");',
          "[show === display, asyncio === viaRequire.asyncio, typeof handle?.update]",
        ].join("\n"),
      ),
    ).toBe("[ true, true, 'function' ]");
    const { reply } = await kernel.execute('import { asyncio } from "tsloop";\nconst wrong: number = asyncio.sleep;');
    expect(reply.content.ename).toBe("TSError");
    expect(reply.content.evalue).toMatch(/is not assignable to type 'number'/);
  });

  it("names a module that does not exist, shows the cell's line, and the kernel lives on", async () => {
    const { reply } = await kernel.execute('const before = 1;\nimport gone from "no-such-module-here";');
    expect(reply.content.evalue).toMatch(/Cannot find module 'no-such-module-here'/);
    const traceback = (reply.content.traceback as string[]).join("\n");
    expect(traceback).toMatch(/Cell In\[\d+\], line 2/);
    expect(traceback).not.toMatch(/loader\.js|dist\/src/);
    expect(await resultOf("1 + 1")).toBe("2");
  });
});

describe("errors on the cell's own lines", () => {
  it("points at the earlier cell that defined the throwing function, in colour", async () => {
    const defining = await kernel.execute(
      "// helpers\ninterface Job { name: string }\nfunction runJob(job: Job): never {\n  throw new RangeError(`no ${job.name}`);\n}",
    );
    const definingCount = defining.reply.content.execution_count as number;
    const { reply } = await kernel.execute("const job: Job = { name: 'x' };\nrunJob(job);");
    const traceback = reply.content.traceback as string[];
    const text = traceback.join("\n");
    expect(reply.content.ename).toBe("RangeError");
    expect(text).toMatch(new RegExp(`Cell In\\[${textOf(reply.content, "execution_count")}\\], line 2`));
    expect(text).toMatch(new RegExp(`Cell In\\[${definingCount}\\], line 4.*in .*runJob`));
    expect(text).toMatch(/---->\s+4.*throw new RangeError/);
    expect(text).toContain("\x1b[0;31m"); // red ename, as ipykernel colours it
    expect(text).not.toMatch(/node:internal|dist\/src|node:inspector/);
  });

  it("explains a name that V8 will not re-declare with another keyword, naming the cell's line", async () => {
    await kernel.execute("let switched = 1;");
    const { reply } = await kernel.execute('// @tsloop-check off\nconst switched = "two";');
    expect(reply.content.ename).toBe("SyntaxError");
    expect(reply.content.evalue).toMatch(/Identifier 'switched' has already been declared \(an earlier cell declared it with another keyword/);
    const traceback = (reply.content.traceback as string[]).map((l) => l.replace(/\x1b\[[\d;]*m/g, ""));
    expect(traceback.slice(0, 3)).toEqual([
      "  Cell In[" + textOf(reply.content, "execution_count") + "], line 2",
      '    const switched = "two";',
      "          ^",
    ]);
    expect(await resultOf("switched + 1")).toBe("2");
  });

  it("reports a syntax error with the source line and a caret under the column", async () => {
    const { reply } = await kernel.execute("const ok = 1;\nlet broken = (1 + ;");
    expect(reply.content.ename).toBe("SyntaxError");
    const traceback = (reply.content.traceback as string[]).map((l) => l.replace(/\x1b\[[\d;]*m/g, ""));
    expect(traceback[0]).toMatch(/Cell In\[\d+\], line 2/);
    expect(traceback[1].trim()).toBe("let broken = (1 + ;");
    expect(traceback[2].indexOf("^") - traceback[1].indexOf("l")).toBe("let broken = (1 + ".length);
  });

  it("says where a cell ends too soon, and what esbuild refuses after the parser", async () => {
    const early = await kernel.execute("const total = [1, 2].map((n) =>");
    expect({ ename: early.reply.content.ename, evalue: early.reply.content.evalue }).toEqual({
      ename: "SyntaxError",
      evalue: "Unexpected end of input (1:32)",
    });
    const twice = await kernel.execute("let once = 1;\nlet once = 2;");
    expect(twice.reply.content.ename).toBe("SyntaxError");
    expect(twice.reply.content.evalue).toMatch(/"once" has already been declared \(2:5\)/);
  });
});

describe("rich display", () => {
  const dataOf = (m: { content: Record<string, unknown> }) => m.content.data as Record<string, unknown>;

  it("publishes markdown, svg, png from a Buffer, json, latex and a raw bundle", async () => {
    const { messages } = await kernel.execute(
      [
        'display.markdown("# Title");',
        "display.svg(\"<svg xmlns='http://www.w3.org/2000/svg'/>\");",
        "display.png(Buffer.from([137, 80, 78, 71]));",
        "display.json({ a: [1, 2] });",
        'display.latex("$x^2$");',
        'display.bundle({ "text/html": "<i>raw</i>" });',
      ].join("\n"),
    );
    const shown = ofType(messages, "display_data").map(dataOf);
    expect(shown.map((d) => Object.keys(d).filter((k) => k !== "text/plain"))).toEqual([
      ["text/markdown"],
      ["image/svg+xml"],
      ["image/png"],
      ["application/json"],
      ["text/latex"],
      ["text/html"],
    ]);
    expect(shown[2]["image/png"]).toBe(Buffer.from([137, 80, 78, 71]).toString("base64"));
    expect(shown[3]["application/json"]).toEqual({ a: [1, 2] });
    expect(shown.every((d) => typeof d["text/plain"] === "string")).toBe(true);
  });

  it("updates an output by its display id", async () => {
    const { messages } = await kernel.execute('const shown = display("first", { displayId: "progress" });\nshown?.update("second");');
    const first = ofType(messages, "display_data")[0];
    const update = ofType(messages, "update_display_data")[0];
    expect((first.content.transient as { display_id: string }).display_id).toBe("progress");
    expect((update.content.transient as { display_id: string }).display_id).toBe("progress");
    expect(plain(update)).toBe("'second'");
  });

  it("renders a value's Jupyter.display bundle as the execute_result", async () => {
    const { messages } = await kernel.execute('({ [Symbol.for("Jupyter.display")]() { return { "text/html": "<b>rich</b>" }; } })');
    expect(dataOf(ofType(messages, "execute_result")[0])["text/html"]).toBe("<b>rich</b>");
  });

  it("shows promises, circular structures and huge arrays in Node's inspect style", async () => {
    expect(await resultOf("[Promise.resolve(3), new Promise(() => {})]")).toBe("[ Promise { 3 }, Promise { <pending> } ]");
    expect(await resultOf("const rejected = Promise.reject(new Error('no')); rejected.catch(() => {}); [rejected]")).toMatch(
      /^\[\n {2}Promise \{\n {4}<rejected> Error: no/,
    );
    expect(await resultOf("const loop: { self?: unknown } = {}; loop.self = loop; loop")).toBe("<ref *1> { self: [Circular *1] }");
    expect(await resultOf("Array.from({ length: 1000 }, (_, i) => i)")).toMatch(/\.\.\. 900 more items\n\]$/);
    const { messages } = await kernel.execute("console.log(Promise.resolve('logged'))");
    expect(streamText(messages)).toBe("Promise { 'logged' }\n");
  });
});

describe("input", () => {
  it("sends a password input_request for getpass and input(..., { password: true })", async () => {
    const prompts: Array<{ prompt: unknown; password: unknown }> = [];
    kernel.onInputRequest = (request) => {
      prompts.push({ prompt: request.content.prompt, password: request.content.password });
      return "secret";
    };
    try {
      expect(
        await kernel.execute('[await getpass("pw: "), await input("again: ", { password: true }), await input("plain: ")]', { allow_stdin: true }),
      ).toMatchObject({ reply: { content: { status: "ok" } } });
    } finally {
      kernel.onInputRequest = undefined;
    }
    expect(prompts).toEqual([
      { prompt: "pw: ", password: true },
      { prompt: "again: ", password: true },
      { prompt: "plain: ", password: false },
    ]);
  });
});
