// Timeline recorder: collects every Task created after startTimeline() and renders them with
// timelineSvg, so a cell can show that concurrent tasks overlap and the total is the longest one.
import { monotonic } from "./clock";
import { onTaskCreated, Task } from "./task";
import { timelineSvg, type TimelineSvgOptions } from "./timeline-svg";

/** Records the Tasks created while it is recording; `svg()` draws them relative to its start time. */
export class Timeline {
  /** When recording started, in loop-clock seconds; the SVG's 0 s. */
  readonly origin: number = monotonic();
  private readonly _tasks: Task<unknown>[] = [];
  private _unsubscribe: (() => void) | undefined;

  /** Starts recording at once. */
  constructor() {
    this._unsubscribe = onTaskCreated((task) => this._tasks.push(task));
  }

  /** The recorded tasks, in creation order. */
  get tasks(): readonly Task<unknown>[] {
    return this._tasks;
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
    return timelineSvg(this._tasks, { origin: this.origin, ...options });
  }
}

/** Starts a Timeline that records every Task created from now on: `const tl = startTimeline(); ...; tl.svg()`. */
export function startTimeline(): Timeline {
  return new Timeline();
}
