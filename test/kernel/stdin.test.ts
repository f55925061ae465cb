// stdin through the real kernel process: input() awaits the frontend's input_reply; prompt(),
// confirm() and alert() wait for it synchronously (the cell's loop does not turn meanwhile, while
// control and heartbeat still answer); an interrupt ends the wait; allow_stdin=false is an error.
import type { KernelClient } from "../../src/client/kernel-client";
import type { Envelope } from "../../src/protocol/message";
import { ofType, plain, startKernel, streamText, textOf } from "../support/kernel";

let kernel: KernelClient;
let asked: string[] = [];
beforeAll(async () => {
  kernel = await startKernel();
});
afterAll(async () => kernel?.shutdown());
beforeEach(() => {
  asked = [];
  kernel.onInputRequest = (request) => {
    asked.push(textOf(request.content, "prompt"));
    return `typed:${asked.length}`;
  };
});

const result = (messages: Envelope[]) => plain(ofType(messages, "execute_result")[0]);

describe("stdin", () => {
  it("input() resolves with the reply; getpass() asks for a hidden one", async () => {
    let password: unknown;
    kernel.onInputRequest = (request) => ((password = request.content.password), "secret");
    const { messages } = await kernel.execute('[await input("name? "), await getpass()]');
    expect(result(messages)).toBe("[ 'secret', 'secret' ]");
    expect(password).toBe(true);
  });

  it("prompt() returns the reply synchronously: no timer runs while it waits", async () => {
    const { messages } = await kernel.execute('const order: string[] = [];\nsetTimeout(() => order.push("timer"), 0);\norder.push(prompt("name?")!);\norder');
    expect(result(messages)).toBe("[ 'typed:1' ]");
    expect(asked).toEqual(["name? "]);
  });

  it("prompt() gives the default for an empty answer", async () => {
    kernel.onInputRequest = () => "";
    const { messages } = await kernel.execute('[prompt("n?", "7"), prompt("m?")]');
    expect(result(messages)).toBe("[ '7', '' ]");
  });

  it("confirm() is true for an answer starting with y, and alert() waits for any answer", async () => {
    const answers = ["y", "No", "yes please", ""];
    kernel.onInputRequest = (request) => (asked.push(textOf(request.content, "prompt")), answers.shift()!);
    const { messages } = await kernel.execute('[confirm("a?"), confirm("b?"), confirm(), alert("done")]');
    expect(result(messages)).toBe("[ true, false, true, undefined ]");
    expect(asked).toEqual(["a? [y/N] ", "b? [y/N] ", "Confirm [y/N] ", "done [Enter] "]);
  });

  it("what the cell printed before a prompt() is out before the input_request", async () => {
    let printedBefore = "";
    const printed: string[] = [];
    const stop = kernel.onIopub((m) => m.header.msg_type === "stream" && printed.push(textOf(m.content, "text")));
    kernel.onInputRequest = () => ((printedBefore = printed.join("")), "ok");
    await kernel.execute('console.log("question follows"); prompt("q")');
    stop();
    expect(printedBefore).toBe("question follows\n");
  });

  it("answers kernel_info on control while a cell waits in prompt()", async () => {
    let answer!: (value: string) => void;
    kernel.onInputRequest = () => new Promise<string>((resolve) => (answer = resolve));
    const cell = kernel.execute('prompt("wait")');
    await waitFor(() => answer !== undefined);
    const info = await kernel.request("control", "kernel_info_request", {}, 5000);
    expect(info.reply.content.status).toBe("ok");
    answer("late");
    expect(result((await cell).messages)).toBe("'late'");
  });

  it("an interrupt ends a prompt() with KeyboardInterrupt; the reply that comes after it answers nothing", async () => {
    let answerLate!: (value: string) => void;
    kernel.onInputRequest = () => new Promise<string>((resolve) => (answerLate = resolve));
    const cell = kernel.execute('var keep = 5;\nprompt("unanswered")', {}, 10_000);
    await waitFor(() => answerLate !== undefined);
    kernel.send("control", "interrupt_request", {});
    const { reply } = await cell;
    expect(reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    kernel.onInputRequest = () => "after";
    answerLate("stale"); // the interrupted prompt's reply, late: the next prompt must not take it
    expect(result((await kernel.execute("[keep, prompt(), await input()]")).messages)).toBe("[ 5, 'after', 'after' ]");
  });

  it("refuses input() and prompt() with a clear error when allow_stdin is false", async () => {
    for (const code of ['await input("x")', 'prompt("x")', "confirm()"]) {
      const refused = await kernel.execute(code, { allow_stdin: false });
      expect(refused.reply.content.evalue).toMatch(/allow_stdin is false/);
    }
    expect(streamText((await kernel.execute('console.log("alive")')).messages, "stdout")).toBe("alive\n");
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}
