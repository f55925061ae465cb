// Draws tasks on one time axis as a self-contained SVG string: one horizontal bar per task from its
// start to its end, task names on the left, tick labels in seconds, so overlapping work is visible.
import { monotonic } from "./clock";
import { awaitableName } from "./coroutine";
import type { Task } from "./task";

/** Options of `timelineSvg()`. */
export interface TimelineSvgOptions {
  /** The time shown as 0 s, in loop-clock seconds (default: the earliest task start). */
  origin?: number;
  /** Total width in pixels (default 640). */
  width?: number;
  /** Height of one task row in pixels (default 24). */
  rowHeight?: number;
  /** Width of the name column on the left in pixels (default 170). */
  labelWidth?: number;
  /** A title drawn above the bars (default none). */
  title?: string;
  /** Where pending tasks end, in loop-clock seconds (default: now). */
  now?: number;
}

const COLORS = { finished: "#4c78a8", failed: "#e45756", cancelled: "#9d9d9d", pending: "#f2a93b" } as const;

type Status = keyof typeof COLORS;

interface Row {
  label: string;
  start: number;
  end: number;
  status: Status;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function statusOf(task: Task<unknown>): Status {
  if (!task.done()) return "pending";
  if (task.cancelled()) return "cancelled";
  return task.exception() !== null ? "failed" : "finished";
}

function tickStep(span: number): number {
  for (const magnitude of [0.001, 0.01, 0.1, 1, 10, 100, 1000, 10000]) {
    for (const factor of [1, 2, 5]) {
      if (span / (magnitude * factor) <= 10) return magnitude * factor;
    }
  }
  return span / 10;
}

function seconds(value: number): string {
  return `${Number(value.toFixed(3))} s`;
}

/**
 * Renders `tasks` as an SVG timeline: one bar per started task (in the given order) from its start
 * to its end (pending ones up to now), its name and coroutine on the left, an axis with tick labels
 * in seconds. Self-contained: no scripts, external fonts or stylesheets. Each bar is a `<rect class="bar">`.
 */
export function timelineSvg(tasks: Iterable<Task<unknown>>, options: TimelineSvgOptions = {}): string {
  const now = options.now ?? monotonic();
  const rows: Row[] = [];
  for (const task of tasks) {
    if (task.startTime === undefined) continue;
    const label = `${task.getName()} ${awaitableName(task.getCoro())}()`;
    rows.push({ label, start: task.startTime, end: task.endTime ?? now, status: statusOf(task) });
  }
  const origin = options.origin ?? Math.min(...rows.map((r) => r.start), now);
  const width = options.width ?? 640;
  const rowHeight = options.rowHeight ?? 24;
  const labelWidth = options.labelWidth ?? 170;
  const top = options.title ? 30 : 10;
  const plotWidth = width - labelWidth - 70;
  const span = Math.max(...rows.map((r) => r.end - origin), 0.001);
  const step = tickStep(span);
  const axisEnd = Math.ceil(span / step - 1e-9) * step;
  const x = (t: number): number => labelWidth + (Math.max(0, t - origin) / axisEnd) * plotWidth;
  const axisY = top + rows.length * rowHeight + 6;
  const height = axisY + 28;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect class="background" x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  if (options.title) out.push(`<text class="title" x="${width / 2}" y="18" text-anchor="middle" font-weight="bold">${escapeXml(options.title)}</text>`);
  for (let t = 0; t <= axisEnd + 1e-9; t += step) {
    const tx = x(origin + t).toFixed(1);
    out.push(`<line class="grid" x1="${tx}" y1="${top}" x2="${tx}" y2="${axisY}" stroke="#e0e0e0"/>`);
    out.push(`<line class="tick" x1="${tx}" y1="${axisY}" x2="${tx}" y2="${axisY + 4}" stroke="#333333"/>`);
    out.push(`<text class="tick-label" x="${tx}" y="${axisY + 16}" text-anchor="middle">${seconds(t)}</text>`);
  }
  out.push(`<line class="axis" x1="${labelWidth}" y1="${axisY}" x2="${labelWidth + plotWidth}" y2="${axisY}" stroke="#333333"/>`);
  rows.forEach((row, i) => {
    const y = top + i * rowHeight;
    const x0 = x(row.start);
    const barWidth = Math.max(1, x(row.end) - x0);
    const duration = row.end - row.start;
    const tip = `${row.label}: ${seconds(row.start - origin)} to ${seconds(row.end - origin)} (${row.status})`;
    out.push(`<text class="label" x="${labelWidth - 8}" y="${y + rowHeight / 2 + 4}" text-anchor="end">${escapeXml(row.label)}</text>`);
    out.push(
      `<rect class="bar" data-status="${row.status}" x="${x0.toFixed(1)}" y="${y + 4}" width="${barWidth.toFixed(1)}" height="${rowHeight - 8}" rx="3" fill="${COLORS[row.status]}"><title>${escapeXml(tip)}</title></rect>`,
    );
    out.push(`<text class="duration" x="${(x0 + barWidth + 6).toFixed(1)}" y="${y + rowHeight / 2 + 4}">${duration.toFixed(2)} s</text>`);
  });
  out.push("</svg>");
  return out.join("\n");
}
