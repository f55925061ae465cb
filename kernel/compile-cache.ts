// V8's compile cache on disk (Node >= 22.1): the kernel's modules are compiled once and read back
// from the cache at the next kernel start. Imported first by each thread's entry (kernel/tsloop.js,
// kernel/io-thread.ts), since it only affects modules loaded after it. On Node 20, which has no
// such API, it does nothing. NODE_COMPILE_CACHE picks the folder (default: <tmpdir>/node-compile-cache)
// and NODE_DISABLE_COMPILE_CACHE=1 turns it off. Neither call throws: a cache that cannot be used is skipped.
import * as nodeModule from "node:module";

const api = nodeModule as { enableCompileCache?: () => unknown; flushCompileCache?: () => void };
if (typeof api.enableCompileCache === "function") api.enableCompileCache();

/** Writes what this thread compiled so far (Node >= 22.10). Node writes it at exit otherwise, which
 * a kernel killed by its client (SIGKILL after a failed shutdown, a crash) never reaches. */
export function flushCompileCache(): void {
  if (typeof api.flushCompileCache === "function") api.flushCompileCache();
}
