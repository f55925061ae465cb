// Timeline recorder: collects every Task created after startTimeline() and renders them with
// timelineSvg, so a cell can show that concurrent tasks overlap and the total is the longest one.
// With `{ sample: n }` it keeps an even sample of n to 2n tasks, so a million tasks draw (and cost) a few hundred bars.
import { monotonic } from "./clock";
import { onTaskCreated, Task } from "./task";
import { EvenSample } from "./timeline-sample";
import { timelineSvg, type TimelineSvgOptions } from "./timeline-svg";

/** Options of `startTimeline()`. */
export interface TimelineOptions {
  /** Keep an evenly spaced sample of at least this many tasks (at most twice as many) instead of every task. */
  sample?: number;
}

/** Records the Tasks created while it is recording; `svg()` draws them relative to its start time. */
export class Timeline {
  /** When recording started, in loop-clock seconds; the SVG's 0 s. */
  readonly origin: number = monotonic();
  private readonly _tasks: Task<unknown>[] = [];
  private readonly _sample: EvenSample<Task<unknown>> | undefined;
  private _unsubscribe: (() => void) | undefined;

  /** Starts recording at once. */
  constructor(options: TimelineOptions = {}) {
    const sample = options.sample === undefined ? undefined : new EvenSample<Task<unknown>>(options.sample);
    this._sample = sample;
    this._unsubscribe = onTaskCreated(sample ? (task) => sample.add(task) : (task) => this._tasks.push(task));
  }

  /** The recorded tasks (with `sample`, the sample), in creation order. */
  get tasks(): readonly Task<unknown>[] {
    return this._sample ? this._sample.items : this._tasks;
  }

  /** How many tasks were created while recording (more than `tasks.length` when sampled). */
  get created(): number {
    return this._sample ? this._sample.count : this._tasks.length;
  }

  /** True until `stop()`. */
  isRecording(): boolean {
    return this._unsubscribe !== undefined;
  }

  /** Stops recording new tasks (the recorded ones are kept); returns the timeline. */
  stop(): this {
    this._unsubscribe?.();
    this._unsubscribe = undefined;
    return this;
  }

  /** The recorded tasks as an SVG string (see `timelineSvg`), with 0 s at `origin`. */
  svg(options: TimelineSvgOptions = {}): string {
    return timelineSvg(this.tasks, { origin: this.origin, ...options });
  }
}

/**
 * Starts a Timeline that records every Task created from now on: `const tl = startTimeline(); ...; tl.svg()`;
 * `startTimeline({ sample: 200 })` keeps an even sample of 200 to 400 of them.
 */
export function startTimeline(options: TimelineOptions = {}): Timeline {
  return new Timeline(options);
}
