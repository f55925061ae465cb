import { blockingSleep, currentThread, perfCounter, sleep, time, ValueError } from "../../src/coroutines";

describe("time.sleep (blockingSleep) really blocks the thread", () => {
  test("blocks for the given time and no timer or promise runs meanwhile", async () => {
    let timerFired = false;
    setTimeout(() => {
      timerFired = true;
    }, 0);
    const start = performance.now();
    blockingSleep(0.15);
    const elapsed = (performance.now() - start) / 1000;
    expect(elapsed).toBeGreaterThanOrEqual(0.15);
    expect(elapsed).toBeLessThan(0.6);
    expect(timerFired).toBe(false);
    await sleep(0.01);
    expect(timerFired).toBe(true);
  });

  test("two blocking sleeps add up (0.1 s + 0.15 s ≈ 0.25 s), unlike concurrent asyncio sleeps", () => {
    const start = perfCounter();
    blockingSleep(0.1);
    blockingSleep(0.15);
    const elapsed = perfCounter() - start;
    expect(elapsed).toBeGreaterThanOrEqual(0.25);
    expect(elapsed).toBeLessThan(0.7);
  });

  test("a negative length raises ValueError (time.sleep(-1))", () => {
    expect(() => blockingSleep(-1)).toThrow(ValueError);
  });
});

describe("time.time and threading.current_thread", () => {
  test("time() is epoch seconds as a float with sub-millisecond digits, close to Date.now()", () => {
    const t = time();
    expect(Math.abs(t - Date.now() / 1000)).toBeLessThan(1);
    expect(String(Math.floor(t))).toMatch(/^\d{10}$/);
    const samples = Array.from({ length: 20 }, () => time());
    expect(samples.some((s) => !Number.isInteger(s * 1000))).toBe(true);
  });

  test("current_thread() is MainThread with a stable ident and Python's repr", () => {
    const a = currentThread();
    const b = currentThread();
    expect(a.name).toBe("MainThread");
    expect(a.ident).toBe(b.ident);
    expect(Number.isSafeInteger(a.ident)).toBe(true);
    expect(String(a)).toBe(`<_MainThread(MainThread, started ${a.ident})>`);
    // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- a thread in a template literal is the case under test
    expect(`${a}`).toMatch(/^<_MainThread\(MainThread, started \d+\)>$/);
  });
});
