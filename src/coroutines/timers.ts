// The timers of asyncio.sleep. Sleeps of one length that the loop starts in one go (a gather of a
// million asyncio.sleep tasks) share one Node timer: a Timeout, with its async context, weighs more
// than the rest of a sleeping task. Sleeps share a timer only when no user code ran between their
// starts, so they share one async context too (the timer's, which their done callbacks run in): the
// loop starts such tasks through one TimerGroup, and drops it before any task body runs.

import { finishingTogether } from "./future";

/** What a timer rings: a sleep's future. */
export interface Ringing {
  /** Called once the sleep's time is up. */
  _ring(): void;
}

/** A timer `startTimer` gave: pass it to `stopTimer`. */
export type SleepTimer = NodeJS.Timeout | NodeJS.Immediate | SharedTimer;

// A shared timer takes sleeps started within this many ms of its first one.
const SHARING_MS = 1;

/** One Node timer for sleeps of one length started together; re-armed at each start, so none ends early. */
class SharedTimer {
  private readonly _sleeps: Ringing[] = [];
  private _pending = 0;
  private readonly _timeout: NodeJS.Timeout;
  private readonly _openedAt = performance.now();

  constructor(ms: number) {
    this._timeout = setTimeout(ringAll, ms, this._sleeps);
  }

  /** True if a sleep started now may join (the timer is young and still has sleeps to ring). */
  takes(now: number): boolean {
    return this._pending > 0 && now - this._openedAt < SHARING_MS;
  }

  add(sleep: Ringing): void {
    this._sleeps.push(sleep);
    this._pending++;
    if (this._sleeps.length > 1) this._timeout.refresh(); // its length counts from this start
  }

  /** One sleep was cancelled: the timer stops once none is left (so it no longer keeps Node alive). */
  forget(): void {
    if (--this._pending === 0) clearTimeout(this._timeout);
  }
}

function ringAll(sleeps: Ringing[]): void {
  finishingTogether(ringEach, sleeps);
}

function ringEach(sleeps: Ringing[]): void {
  for (const sleep of sleeps) sleep._ring();
}

function ringOne(sleep: Ringing): void {
  sleep._ring();
}

/** Shared timers, by length in ms, for sleeps started one after another with no user code between. */
export class TimerGroup {
  private readonly _byLength = new Map<number, SharedTimer>();

  /** The shared timer a sleep of `ms` started now joins. */
  timerFor(ms: number): SharedTimer {
    let shared = this._byLength.get(ms);
    if (!shared?.takes(performance.now())) this._byLength.set(ms, (shared = new SharedTimer(ms)));
    return shared;
  }
}

let group: TimerGroup | undefined;

/** Calls `start(arg)`, which must run no user code, with the sleeps it starts sharing the timers of `timers`. */
export function startInGroup<A>(timers: TimerGroup, start: (arg: A) => void, arg: A): void {
  const outer = group;
  group = timers;
  try {
    start(arg);
  } finally {
    group = outer; // set only while no user code runs, so an interrupt never leaves it set
  }
}

/** Calls `sleep._ring()` after `seconds` (on the next turn of the loop for 0), on a shared timer inside `startInGroup`. */
export function startTimer(sleep: Ringing, seconds: number): SleepTimer {
  // Python's sleep(0) yields to the loop once: setImmediate lets pending IO and timers run first.
  if (seconds <= 0) return setImmediate(ringOne, sleep);
  const ms = seconds * 1000;
  if (!group) return setTimeout(ringOne, ms, sleep);
  const shared = group.timerFor(ms);
  shared.add(sleep);
  return shared;
}

/** Stops a sleep's timer (it was cancelled); a shared timer stops once all its sleeps are. */
export function stopTimer(timer: SleepTimer): void {
  if (timer instanceof SharedTimer) timer.forget();
  else if ("refresh" in timer) clearTimeout(timer);
  else clearImmediate(timer);
}
