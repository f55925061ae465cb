import { float, formatFloat, print, repr, send, StopIteration, str, tuple } from "../../src/coroutines";
import { captureStdout } from "./capture";

describe("print (Python print)", () => {
  let out: ReturnType<typeof captureStdout>;
  beforeEach(() => {
    out = captureStdout();
  });
  afterEach(() => out.restore());

  test("joins str() of the arguments with one space and ends with a newline", () => {
    print("生成器1:", ["Python", "Java", "C++"]);
    print("加", undefined);
    print("加", null, true, false, 5, 2.5);
    print();
    expect(out.text()).toBe("生成器1: ['Python', 'Java', 'C++']\n加 None\n加 None True False 5 2.5\n\n");
  });

  test("prints tuples, sets, dicts and objects with a custom __repr__", () => {
    print(tuple("one", "two with arg one"), new Set(["a"]), new Map([["k", 1]]), { a: [true] });
    print({ __repr__: () => "<custom>" }, [{ __repr__: () => "<inner>" }]);
    expect(out.lines()).toEqual(["('one', 'two with arg one') {'a'} {'k': 1} {'a': [True]}", "<custom> [<inner>]"]);
  });
});

describe("repr (Python repr)", () => {
  test("strings: single quotes, double quotes when the text has ' only, escapes", () => {
    expect(repr("result")).toBe("'result'");
    expect(repr("it's")).toBe(`"it's"`);
    expect(repr(`it's "q"`)).toBe(`'it\\'s "q"'`);
    expect(repr("a\nb\tc\\")).toBe("'a\\nb\\tc\\\\'");
    expect(repr("\x00\x7f\u00a0")).toBe("'\\x00\\x7f\\xa0'");
    expect(repr("\u200b")).toBe("'\\u200b'");
    expect(repr("协程 é 😀")).toBe("'协程 é 😀'");
  });

  test("True/False/None, ints without .0, floats as Python prints them", () => {
    expect(repr(true)).toBe("True");
    expect(repr(false)).toBe("False");
    expect(repr(null)).toBe("None");
    expect(repr(undefined)).toBe("None");
    expect(repr(5)).toBe("5");
    expect(repr(-0)).toBe("0");
    expect(repr(1e21)).toBe("1000000000000000000000");
    expect(repr(10n)).toBe("10");
    expect(repr(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(repr(1554695117.795327)).toBe("1554695117.795327");
    expect(repr(1e-5)).toBe("1e-05");
    expect(repr(1.25e-7)).toBe("1.25e-07");
    expect(repr(float(1.5e16))).toBe("1.5e+16");
    expect(repr(123456.5)).toBe("123456.5");
    expect(repr(NaN)).toBe("nan");
    expect(repr(-Infinity)).toBe("-inf");
    expect(repr(float(3))).toBe("3.0");
    expect(repr(float(1e16))).toBe("1e+16");
    expect(formatFloat(-0)).toBe("-0.0");
    expect(float(2) + 1).toBe(3);
  });

  test("lists, tuples (one item gets a comma), sets (empty: set()), dicts, nesting and cycles", () => {
    expect(repr([1, "a", [null]])).toBe("[1, 'a', [None]]");
    expect(repr(tuple())).toBe("()");
    expect(repr(tuple("x"))).toBe("('x',)");
    expect(repr(tuple(1, tuple(2, 3)))).toBe("(1, (2, 3))");
    expect(repr(new Set())).toBe("set()");
    expect(repr(new Set([1, 2]))).toBe("{1, 2}");
    expect(repr({})).toBe("{}");
    expect(repr({ a: "b", "it's": 1 })).toBe(`{'a': 'b', "it's": 1}`);
    const cyclic: unknown[] = [1];
    cyclic.push(cyclic);
    expect(repr(cyclic)).toBe("[1, [...]]");
  });

  test("errors, functions, classes and other objects", () => {
    expect(repr(new Error("boom"))).toBe("Error('boom')");
    expect(repr(new TypeError(""))).toBe("TypeError()");
    expect(repr(function hello() {})).toBe("<function hello>");
    class Thing {}
    expect(repr(Thing)).toBe("<class 'Thing'>");
    expect(repr(new Thing())).toBe("<Thing object>");
    class Named {
      toString(): string {
        return "named!";
      }
    }
    expect(repr(new Named())).toBe("named!");
  });

  test("tuple() is a frozen array that destructures", () => {
    const t = tuple("one", 2);
    const [a, b] = t;
    expect([a, b]).toEqual(["one", 2]);
    expect(Object.isFrozen(t)).toBe(true);
    expect(Array.isArray(t)).toBe(true);
  });

  test("str(): strings raw, errors by message, __str__ honoured, otherwise repr", () => {
    expect(str("raw 'text'")).toBe("raw 'text'");
    expect(str(new Error("msg"))).toBe("msg");
    expect(str({ __str__: () => "S", __repr__: () => "R" })).toBe("S");
    expect(str(["x"])).toBe("['x']");
    expect(str(undefined)).toBe("None");
  });
});

describe("send (Python generator.send)", () => {
  function* generator1(): Generator<undefined, number, number | null | undefined> {
    let total = 0;
    for (;;) {
      const x = yield;
      if (!x) break;
      total += x;
    }
    return total;
  }

  test("returns the next yielded value, and the first send(None) just starts the generator", () => {
    function* echo(): Generator<string, void, string> {
      let received = "";
      for (;;) received = yield `got ${received}`;
    }
    const g = echo();
    expect(send(g)).toBe("got ");
    expect(send(g, "a")).toBe("got a");
  });

  test("when the generator returns, raises StopIteration whose value is the return value (StopIteration: 5)", () => {
    const g = generator1();
    send(g, null);
    send(g, 2);
    send(g, 3);
    let caught: unknown;
    try {
      send(g, null);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StopIteration);
    const stop = caught as StopIteration<number>;
    expect(stop.name).toBe("StopIteration");
    expect(stop.message).toBe("5");
    expect(stop.value).toBe(5);
    expect(`${stop.name}: ${stop.message}`).toBe("StopIteration: 5");
  });

  test("a generator returning None raises StopIteration with an empty message", () => {
    const g = (function* () {})();
    expect(() => send(g)).toThrow(StopIteration);
    try {
      send((function* () {})());
    } catch (error) {
      expect((error as Error).message).toBe("");
    }
  });
});
