// asyncio's streams and subprocesses: a loopback echo server read line by line, readexactly's
// IncompleteReadError, a refused connection, a child's lines read as they come, communicate(), and
// a cancelled read.
import {
  CancelledError,
  createSubprocessExec,
  createSubprocessShell,
  IncompleteReadError,
  openConnection,
  PIPE,
  sleep,
  startServer,
  StreamReader,
} from "../../src/coroutines";
import { cancelLeftovers, inTask } from "./capture";

afterEach(cancelLeftovers);

describe("StreamReader", () => {
  test("readline, readexactly and read(n) take from the buffer; readexactly past the end gives IncompleteReadError with the partial bytes", async () => {
    const reader = new StreamReader();
    reader.feedData(Buffer.from("one\ntwo\nrest"));
    reader.feedEof();
    expect(String(await reader.readline())).toBe("one\n");
    expect(String(await reader.readexactly(3))).toBe("two");
    expect(String(await reader.read(2))).toBe("\nr");
    const error = await reader.readexactly(10).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IncompleteReadError);
    expect(String((error as IncompleteReadError).partial)).toBe("est");
    expect(reader.atEof()).toBe(true);
    expect((await reader.readline()).length).toBe(0);
  });

  test("a read waits for data; cancelling the reading task ends it with CancelledError", async () => {
    const reader = new StreamReader();
    const reading = inTask(() => reader.readline());
    await sleep(0.01);
    reading.cancel();
    await expect(reading).rejects.toBeInstanceOf(CancelledError);
    reader.feedData(Buffer.from("later\n"));
    expect(String(await reader.readline())).toBe("later\n");
  });
});

describe("openConnection and startServer", () => {
  test("an echo server on 127.0.0.1 port 0: lines written come back; close and waitClosed end it", async () => {
    const server = await startServer(
      async (reader, writer) => {
        for await (const line of reader) writer.write(`echo ${String(line)}`);
        writer.close();
      },
      "127.0.0.1",
      0,
    );
    const [host, port] = server.address();
    const [reader, writer] = await openConnection(host, port);
    writer.write("hello\n");
    await writer.drain();
    expect(String(await reader.readline())).toBe("echo hello\n");
    writer.close();
    await writer.waitClosed();
    expect((await reader.read()).length).toBe(0);
    server.close();
    await server.waitClosed();
    expect(server.isServing()).toBe(false);
  });

  test("a refused connection throws ECONNREFUSED", async () => {
    const server = await startServer(() => undefined, "127.0.0.1", 0);
    const [, port] = server.address();
    server.close();
    await server.waitClosed();
    await expect(openConnection("127.0.0.1", port)).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });
});

describe("createSubprocessExec and createSubprocessShell", () => {
  test("a child's lines are read as they come, before it ends; wait() gives its return code", async () => {
    const child = await createSubprocessExec(
      process.execPath,
      "-e",
      "console.log('first'); setTimeout(() => { console.log('second'); process.exit(3); }, 300)",
      {
        stdout: PIPE,
      },
    );
    expect(String(await child.stdout!.readline())).toBe("first\n");
    expect(child.returncode).toBeNull();
    expect(String(await child.stdout!.readline())).toBe("second\n");
    expect(await child.wait()).toBe(3);
    expect(child.returncode).toBe(3);
  });

  test("communicate() sends stdin and gives stdout and stderr; a shell command runs through /bin/sh", async () => {
    const child = await createSubprocessShell("tr a-z A-Z; echo oops >&2", { stdin: PIPE, stdout: PIPE, stderr: PIPE });
    const [out, err] = await child.communicate("shout\n");
    expect([String(out), String(err), child.returncode]).toEqual(["SHOUT\n", "oops\n", 0]);
  });

  test("a missing program throws ENOENT; a killed child's return code is minus the signal", async () => {
    await expect(createSubprocessExec("/no/such/program")).rejects.toMatchObject({ code: "ENOENT" });
    const child = await createSubprocessExec("sleep", "5");
    child.terminate();
    expect(await child.wait()).toBe(-15);
  });
});
