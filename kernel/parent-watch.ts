// A kernel whose launcher died exits (as ipykernel's ParentPoller does): jupyter_client names the
// launcher in JPY_PARENT_PID. Watched from the io thread, so it works while a cell blocks the main thread.
const POLL_MS = 500;

/** Calls `onGone` once when the process JPY_PARENT_PID names has died or we were re-parented. No
 * variable, or PID 1: nothing is watched (a kernel started by hand keeps running). */
export function watchParent(env: NodeJS.ProcessEnv, onGone: (why: string) => void): void {
  const parent = Number(env.JPY_PARENT_PID);
  if (!Number.isInteger(parent) || parent <= 1) return;
  const startedUnder = process.ppid;
  const timer = setInterval(() => {
    const why = !alive(parent) ? `the launcher (pid ${parent}) is gone` : process.ppid !== startedUnder ? "the kernel was re-parented" : undefined;
    if (!why) return;
    clearInterval(timer);
    onGone(why);
  }, POLL_MS);
  timer.unref();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by another user
  }
}
