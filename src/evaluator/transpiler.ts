// Transpiles cells on the main thread (oxc parses in well under a millisecond; esbuild's transform
// runs in its own service process), with a cache keyed by the cell's text, since re-running a
// cell is the most common thing a notebook does.
import { loadParser } from "../syntax/parse";
import { loadEsbuild, stopEsbuild, transpileCell, TranspiledCell } from "./transpile";

const CACHE_SIZE = 256;

export class Transpiler {
  private readonly cache = new Map<string, TranspiledCell>();
  private warming?: Promise<void>;

  /** Loads esbuild and the parser and starts esbuild's service in the background, one step per
   * turn of the event loop (each is 10–30 ms of main-thread work), so a request that arrives
   * meanwhile waits for one step at most. Settles once a cell would transpile warm. */
  warm(): Promise<void> {
    this.warming ??= (async () => {
      await nextTurn();
      const started = loadEsbuild().transform("0", { loader: "ts" });
      await nextTurn();
      loadParser();
      await started;
    })();
    return this.warming;
  }

  async transpile(code: string): Promise<TranspiledCell> {
    const cached = this.cache.get(code);
    if (cached) return cached;
    const cell = await transpileCell(code);
    this.remember(code, cell);
    return cell;
  }

  async stop(): Promise<void> {
    await stopEsbuild();
  }

  private remember(code: string, cell: TranspiledCell): void {
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(code, cell);
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
