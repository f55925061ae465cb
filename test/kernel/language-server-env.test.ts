// The type checker's language server (TypeScript 7's native tsc, a Go program) runs with Go's
// collector at GOGC=50 to hold less memory idle, unless the user chose a GOGC of their own.
import { startKernel } from "../support/kernel";
import { childrenOf, commandOf, environmentOf } from "../support/processes";

async function languageServerEnv(env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const kernel = await startKernel({ env });
  try {
    await kernel.execute("const checked: number = 1;");
    const server = childrenOf(kernel.process!.pid!).find((pid) => commandOf(pid).includes("--lsp"));
    expect(server).toBeDefined();
    return environmentOf(server!);
  } finally {
    await kernel.shutdown();
  }
}

it("starts the language server with GOGC=50", async () => {
  const { GOGC: _, ...env } = process.env;
  expect((await languageServerEnv(env)).GOGC).toBe("50");
}, 60_000);

it("keeps a GOGC the user set", async () => {
  expect((await languageServerEnv({ ...process.env, GOGC: "200" })).GOGC).toBe("200");
}, 60_000);
