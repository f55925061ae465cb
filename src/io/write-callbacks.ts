// The callbacks of captured writes, run together on the next tick. A cell printing in a loop
// passes the same callback (console's error handler) millions of times: runs of one function are
// kept as a count, so memory stays constant however long the loop.
type Callback = (error?: Error | null) => void;

const runs: Array<{ callback: Callback; count: number }> = [];

export function afterWrite(callback: Callback): void {
  const last = runs[runs.length - 1];
  if (last?.callback === callback) last.count++;
  else runs.push({ callback, count: 1 });
  if (runs.length === 1 && runs[0].count === 1) process.nextTick(runAll);
}

function runAll(): void {
  const due = runs.splice(0);
  for (const { callback, count } of due) for (let i = 0; i < count; i++) callback(null);
}
