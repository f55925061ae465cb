import { coroutine, gather, getEventLoop, sleep, startTimeline, Task, timelineSvg, wait } from "../../src/coroutines";
import { EvenSample } from "../../src/coroutines/timeline-sample";
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

describe("a sampled timeline (startTimeline({ sample }))", () => {
  test("keeps an even sample of n to 2n of many tasks, counts them all and draws only the sample", async () => {
    const tl = startTimeline({ sample: 50 });
    const tasks = Array.from({ length: 10_000 }, () => getEventLoop().createTask(sleep(0.01)));
    await gather(tasks);
    tl.stop();
    expect(tl.created).toBe(10_000);
    expect(tl.tasks.length).toBeGreaterThanOrEqual(50);
    expect(tl.tasks.length).toBeLessThan(100);
    const positions = tl.tasks.map((task) => tasks.indexOf(task as Task<void>));
    const gaps = new Set(positions.slice(1).map((p, i) => p - positions[i]));
    expect(positions[0]).toBe(0);
    expect(gaps.size).toBe(1);
    expect(positions[positions.length - 1]).toBeGreaterThan(10_000 - 2 * [...gaps][0]);
    expect(tl.svg().match(/<rect class="bar"/g)).toHaveLength(tl.tasks.length);
  });

  test("halves what it holds at twice the size, keeps everything below that, and refuses a size that is no whole positive number", () => {
    const sample = new EvenSample<number>(4);
    for (let i = 0; i < 10; i++) sample.add(i);
    expect(sample.items).toEqual([0, 2, 4, 6, 8]);
    expect(sample.count).toBe(10);
    const small = new EvenSample<number>(10);
    [1, 2, 3].forEach((n) => small.add(n));
    expect(small.items).toEqual([1, 2, 3]);
    expect(() => startTimeline({ sample: 0 })).toThrow("a timeline sample needs a positive whole number of tasks, not 0");
    expect(() => new EvenSample(2.5)).toThrow(RangeError);
  });

  test("without a sample every task is kept", async () => {
    const tl = startTimeline();
    await gather(Array.from({ length: 300 }, () => getEventLoop().createTask(sleep(0))));
    expect(tl.stop().tasks).toHaveLength(300);
    expect(tl.created).toBe(300);
  });
});
