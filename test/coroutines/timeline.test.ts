import { coroutine, getEventLoop, sleep, startTimeline, Task, timelineSvg, wait } from "../../src/coroutines";
import { cancelLeftovers } from "./capture";

afterEach(cancelLeftovers);

const taskIO = coroutine(async function taskIO(seconds: number) {
  await sleep(seconds);
  return seconds;
});

describe("task timeline (start/end times and SVG)", () => {
  test("every Task records start and end on the loop clock; concurrent tasks overlap", async () => {
    const loop = getEventLoop();
    const a = loop.createTask(taskIO(0.1));
    const b = loop.createTask(taskIO(0.2));
    expect(a.startTime).toBeUndefined();
    await wait([a, b]);
    const [aStart, aEnd, bStart, bEnd] = [a.startTime!, a.endTime!, b.startTime!, b.endTime!];
    expect(aEnd - aStart).toBeGreaterThan(0.08);
    expect(bEnd - bStart).toBeGreaterThan(0.18);
    expect(Math.abs(aStart - bStart)).toBeLessThan(0.05);
    expect(aEnd).toBeLessThan(bEnd);
    expect(aStart).toBeLessThanOrEqual(loop.time());
  });

  test("startTimeline() records the tasks created after it; the total is the longest task", async () => {
    const before = getEventLoop().createTask(sleep(0));
    const tl = startTimeline();
    await getEventLoop().runUntilComplete(wait([taskIO(0.1), taskIO(0.2)]));
    tl.stop();
    getEventLoop().createTask(sleep(0));
    await before;
    expect(tl.tasks).toHaveLength(3);
    expect(tl.tasks.every((t) => t instanceof Task)).toBe(true);
    const [main, ...children] = tl.tasks;
    const mainSpan = main.endTime! - main.startTime!;
    const longest = Math.max(...children.map((t) => t.endTime! - t.startTime!));
    expect(Math.abs(mainSpan - longest)).toBeLessThan(0.06);
    expect(mainSpan).toBeLessThan(0.28);
  });

  test("timelineSvg draws one bar per task on one axis, with names on the left and ticks in seconds", async () => {
    const tl = startTimeline();
    const a = getEventLoop().createTask(taskIO(0.1), { name: "io-1" });
    const b = getEventLoop().createTask(taskIO(0.2), { name: "io-2" });
    await wait([a, b]);
    const svg = tl.stop().svg({ title: "two <tasks>" });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.trim().endsWith("</svg>")).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(2);
    expect(svg).toContain(">io-1 taskIO()</text>");
    expect(svg).toContain(">io-2 taskIO()</text>");
    expect(svg).toContain(">0 s</text>");
    expect(svg).toContain("two &#60;tasks&#62;");
    expect(svg).not.toMatch(/@import|<script|href=/);
    const widths = [...svg.matchAll(/<rect class="bar"[^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths[1] / widths[0]).toBeGreaterThan(1.5);
    expect(widths[1] / widths[0]).toBeLessThan(2.5);
  });

  test("timelineSvg of explicit tasks shows pending ones up to now and skips unstarted ones", async () => {
    const running = getEventLoop().createTask(sleep(5), { name: "running" });
    const unstarted = getEventLoop().createTask(sleep(5), { name: "unstarted" });
    unstarted.cancel();
    await sleep(0.02);
    const svg = timelineSvg([running, unstarted]);
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(1);
    expect(svg).toContain('data-status="pending"');
    expect(timelineSvg([])).toContain("<svg");
  });
});
