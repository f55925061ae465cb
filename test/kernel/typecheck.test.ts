// Type checking across cells through the real kernel process: errors with the cell's line and
// column stop the cell, earlier cells' declarations are known, re-declaring works, the directive
// and TSLOOP_TYPECHECK switch it off or to warnings, and completion/inspection use the types.
import type { KernelClient } from "../../src/client/kernel-client";
import { ofType, plain, startKernel, streamText, textOf } from "../support/kernel";

const strip = (text: string) => text.replace(/\x1b\[[\d;]*m/g, "");
const tracebackOf = (content: Record<string, unknown>) => strip((content.traceback as string[]).join("\n"));

let kernel: KernelClient;
beforeAll(async () => {
  kernel = await startKernel();
});
afterAll(async () => kernel?.shutdown());

const resultOf = async (k: KernelClient, code: string) => {
  const { reply, messages } = await k.execute(code);
  expect({ status: reply.content.status, evalue: reply.content.evalue }).toEqual({ status: "ok", evalue: undefined });
  return plain(ofType(messages, "execute_result")[0]);
};

describe("type errors", () => {
  it("reports a type error with the cell's line and column, as tsc words it, and does not run the cell", async () => {
    const { reply, messages } = await kernel.execute('(globalThis as any).sideEffect = "ran";\nconst n: number = "x";');
    expect(reply.content).toMatchObject({ status: "error", ename: "TSError", evalue: "Type 'string' is not assignable to type 'number'." });
    const count = reply.content.execution_count as number;
    const traceback = tracebackOf(ofType(messages, "error")[0].content);
    expect(traceback).toContain(`Cell In[${count}], line 2, col 7: error TS2322: Type 'string' is not assignable to type 'number'.`);
    expect(traceback).toContain('    const n: number = "x";\n          ^');
    expect(await resultOf(kernel, "typeof (globalThis as any).sideEffect")).toBe("'undefined'");
  });

  it("knows types, interfaces, functions, classes and imports of earlier cells", async () => {
    await resultOf(
      kernel,
      'interface Pet { name: string }\nfunction greet(p: Pet): string { return `hi ${p.name}` }\nclass Box { constructor(readonly size: number) {} }\nimport { join } from "node:path";\nconst base = "dir";',
    );
    expect(await resultOf(kernel, "const pet: Pet = { name: join(base, 'rex') };\ngreet(pet) + new Box(2).size")).toBe("'hi dir/rex2'");
    const wrong = await kernel.execute("const bad: Pet = { name: 1 };\nnew Box('big');\njoin(1);");
    expect(wrong.reply.content.ename).toBe("TSError");
    const traceback = tracebackOf(wrong.reply.content);
    expect(traceback).toMatch(/line 1, col 20: error TS2322: Type 'number' is not assignable to type 'string'/);
    expect(traceback).toMatch(/line 2, col 9: error TS2345/);
    expect(traceback).toMatch(/line 3, col 6: error TS2345/);
  });

  it("lets a later cell declare a name again, with a new type", async () => {
    expect(await resultOf(kernel, "const again: number = 1; again")).toBe("1");
    expect(await resultOf(kernel, "const again: number = 1; again")).toBe("1");
    expect(await resultOf(kernel, "const again: string = 'two'; again")).toBe("'two'");
    expect(await resultOf(kernel, "again.toUpperCase()")).toBe("'TWO'");
    expect((await kernel.execute("const n2: number = again;")).reply.content.ename).toBe("TSError");
  });

  it("lets a later cell assign an earlier `let` and `var`, but not a `const` or an import", async () => {
    await resultOf(kernel, 'let total = 1;\nvar label = "a";\nconst fixed = 1;\nimport { sep } from "node:path";');
    expect(await resultOf(kernel, "total += 41;\nlabel = label + 'b';\n[total, label]")).toBe("[ 42, 'ab' ]");
    expect(tracebackOf((await kernel.execute("fixed = 2;")).reply.content)).toMatch(/error TS2588: Cannot assign to 'fixed' because it is a constant/);
    expect(tracebackOf((await kernel.execute("sep = '-';")).reply.content)).toMatch(/error TS2632: Cannot assign to 'sep' because it is an import/);
  });

  it("knows the declarations of a cell that threw after making them", async () => {
    const failed = await kernel.execute('const parsedBefore: number[] = [1, 2];\nJSON.parse("{");');
    expect(failed.reply.content.ename).toBe("SyntaxError");
    expect(await resultOf(kernel, "parsedBefore.length")).toBe("2");
    expect((await kernel.execute("const wrongType: string = parsedBefore;")).reply.content.ename).toBe("TSError");
  });

  it("knows the declarations of a cell that threw through an earlier cell's function, a gather, or a thrown non-error", async () => {
    await kernel.execute('async function failsLater() { await asyncio.sleep(0.01); throw new RangeError("later"); }');
    const gathered = await kernel.execute("const beforeGather = 3;\nawait asyncio.gather(failsLater());");
    expect(gathered.reply.content.ename).toBe("RangeError");
    const parsedLater = await kernel.execute(
      'const beforeParse = 4;\nawait asyncio.gather((async () => { await asyncio.sleep(0.01); return JSON.parse("{"); })());',
    );
    expect(parsedLater.reply.content.ename).toBe("SyntaxError");
    const thrown = await kernel.execute('const beforeThrow = 5;\nthrow "not an error";');
    expect(thrown.reply.content.status).toBe("error");
    expect(await resultOf(kernel, "beforeGather + beforeParse + beforeThrow")).toBe("12");
  });

  it("type-checks top-level await, node builtins, Node's globals and the cell globals", async () => {
    expect(
      await resultOf(
        kernel,
        [
          'import fs from "node:fs";',
          'import { readFile } from "fs/promises";',
          "const text = await readFile('package.json', 'utf8');",
          "const waited = await new Promise<number>((resolve) => setTimeout(() => resolve(1), 5));",
          "print(repr([1, 'a']));",
          "await asyncio.sleep(0.01);",
          "display.text('shown');",
          "[fs.existsSync('package.json'), typeof process.env.PATH, JSON.parse(text).name, waited]",
        ].join("\n"),
      ),
    ).toBe("[ true, 'string', 'tsloop', 1 ]");
  });
});

describe("switching the checker", () => {
  it("runs a cell with `// @tsloop-check off`, and warns on stderr with `warn`", async () => {
    expect(await resultOf(kernel, '// @tsloop-check off\nconst off: number = "x" as any as string; off')).toBe("'x'");
    const warned = await kernel.execute('// @tsloop-check warn\nconst warned: number = "w";\nwarned');
    expect(warned.reply.content.status).toBe("ok");
    expect(plain(ofType(warned.messages, "execute_result")[0])).toBe("'w'");
    expect(streamText(warned.messages, "stderr")).toMatch(
      /line 2, col 7: warning TS2322: Type 'string' is not assignable to type 'number'\.\n {4}const warned: number = "w";\n {10}\^/,
    );
  });

  it.each([
    ["off", /^$/],
    ["warn", /line 1, col 7: warning TS2322: Type 'string' is not assignable to type 'number'\./],
  ])("follows TSLOOP_TYPECHECK=%s, and a cell directive still wins", async (mode, stderr) => {
    const other = await startKernel({ env: { ...process.env, TSLOOP_TYPECHECK: mode } });
    try {
      const { reply, messages } = await other.execute('const s: number = "s"; s');
      expect(reply.content.status).toBe("ok");
      expect(plain(ofType(messages, "execute_result")[0])).toBe("'s'");
      expect(streamText(messages, "stderr")).toMatch(stderr);
      const again = await other.execute('const s: number = "s"; s');
      expect(plain(ofType(again.messages, "execute_result")[0])).toBe("'s'");
      expect(streamText(again.messages, "stderr")).toMatch(stderr);
      const directive = await other.execute('// @tsloop-check error\nconst d: number = "d";');
      expect(directive.reply.content).toMatchObject({ status: "error", ename: "TSError" });
    } finally {
      await other.shutdown();
    }
  });
});

describe("start-up: every cell is checked, the first one too", () => {
  const FRESH_KERNELS = 20;

  it(`reports a type error sent as the very first cell of each of ${FRESH_KERNELS} fresh kernels`, async () => {
    const reported: string[] = [];
    for (let i = 0; i < FRESH_KERNELS; i++) {
      const fresh = await startKernel(); // returns the moment kernel_info is answered
      try {
        const { reply } = await fresh.execute(`const first${i}: number = "x";`);
        reported.push(`${textOf(reply.content, "ename")}: ${textOf(reply.content, "evalue")}`);
      } finally {
        await fresh.shutdown();
      }
    }
    expect(reported).toEqual(Array(FRESH_KERNELS).fill("TSError: Type 'string' is not assignable to type 'number'."));
  }, 120_000);

  it("checks cells sent back to back at start against the ones before them, and completes their names at once", async () => {
    const fresh = await startKernel();
    try {
      const codes = ['const early: string = "e";', "const wrong: number = early;", "early.toUpperCase()"];
      const ids = codes.map(
        (code) =>
          fresh.send("shell", "execute_request", { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: false })
            .header.msg_id,
      );
      const [declaring, wrong, good] = await Promise.all(ids.map((id) => fresh.outcomeOf(id)));
      expect(declaring.reply.content.status).toBe("ok");
      expect(wrong.reply.content).toMatchObject({ ename: "TSError", evalue: "Type 'string' is not assignable to type 'number'." });
      expect(plain(ofType(good.messages, "execute_result")[0])).toBe("'E'");
      const completion = await fresh.request("shell", "complete_request", { code: "early.toLo", cursor_pos: 10 });
      expect([...(completion.reply.content.matches as string[])].sort()).toEqual(["toLocaleLowerCase", "toLocaleUpperCase", "toLowerCase"]);
    } finally {
      await fresh.shutdown();
    }
  });
});

/** The fields of a complete_reply these tests read. */
interface CompleteReply extends Record<string, unknown> {
  status: string;
  cursor_start: number;
  cursor_end: number;
  matches: string[];
  metadata: Record<string, unknown>;
}

describe("completion and inspection with types", () => {
  const completion = async (code: string, cursor = code.length) =>
    (await kernel.request("shell", "complete_request", { code, cursor_pos: cursor })).reply.content as CompleteReply;

  it("completes members of a typed value the cell has not run yet", async () => {
    const reply = await completion('const s = "abc"; s.toU');
    expect(reply).toMatchObject({ status: "ok", cursor_start: 19, cursor_end: 22 });
    expect(reply.matches).toEqual(expect.arrayContaining(["toUpperCase"]));
    expect(reply.matches.every((m) => m.startsWith("toU"))).toBe(true);
    const types = reply.metadata._jupyter_types_experimental as Array<{ text: string; type: string; start: number; end: number }>;
    expect(types.find((t) => t.text === "toUpperCase")).toEqual({ start: 19, end: 22, text: "toUpperCase", type: "function" });
  });

  it("completes names and types declared in earlier cells, and imports", async () => {
    await resultOf(kernel, 'interface ShapeOfThings { area: number }\nconst earlierValue = 1;\nimport { basename as baseNameOf } from "node:path";');
    expect((await completion("earlierV")).matches).toEqual(["earlierValue"]);
    expect((await completion("let shape: ShapeOfT")).matches).toEqual(["ShapeOfThings"]);
    expect((await completion("baseNam")).matches).toEqual(["baseNameOf"]);
    expect((await completion("const t: ShapeOfThings = { area: 1 };\nt.ar")).matches).toEqual(["area"]);
  });

  it("inspects with the type from the service and the runtime value", async () => {
    await resultOf(kernel, "const inspected = { alpha: 1 };");
    const { reply } = await kernel.request("shell", "inspect_request", { code: "inspected", cursor_pos: 4, detail_level: 0 });
    const text = (reply.content.data as Record<string, string>)["text/plain"];
    expect(reply.content.found).toBe(true);
    expect(text).toContain("const inspected: {\n    alpha: number;\n}");
    expect(text).toContain("alpha: 1");
  });
});
