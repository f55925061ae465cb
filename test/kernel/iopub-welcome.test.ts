// iopub is an XPUB socket (protocol 5.5, JEP 65): every subscription gets a signed iopub_welcome
// naming its topic, a child of no request; a second client subscribing to the same topic gets its
// own (XPUB_VERBOSE), and a subscriber to a topic gets it under that topic.
import * as zmq from "zeromq";
import { KernelClient, withTimeout } from "../../src/client/kernel-client";
import { decode } from "../../src/protocol/codec";
import type { Envelope } from "../../src/protocol/message";
import { endpoint } from "../../src/transport/connection";
import { startKernel } from "../support/kernel";

let kernel: KernelClient;
let info: Envelope;
const others: { close(): void }[] = [];
beforeAll(async () => {
  kernel = await startKernel();
  info = (await kernel.request("shell", "kernel_info_request", {})).reply;
});
afterAll(async () => {
  for (const other of others) other.close();
  await kernel?.shutdown();
});

/** What a welcome must be: from this kernel's session, in protocol 5.5, parented to nothing. */
function expectWelcome(welcome: Envelope, subscription: string): void {
  expect(welcome.header).toMatchObject({ msg_type: "iopub_welcome", version: "5.5", session: info.header.session });
  expect(welcome.parent_header).toEqual({});
  expect(welcome.content).toEqual({ subscription });
}

test("a subscriber to everything gets a signed iopub_welcome with the empty topic", async () => {
  // KernelClient drops every message whose signature does not verify, so this one is signed.
  expectWelcome(await withTimeout(kernel.welcomed, 10_000, "the first client's welcome"), "");
});

test("a second client subscribing to everything later gets a welcome of its own", async () => {
  await kernel.welcomed;
  const second = await KernelClient.attach(kernel.connection);
  others.push(second);
  // Without ZMQ_XPUB_VERBOSE, libzmq passes a repeated subscription to the kernel only once.
  const welcome = await withTimeout(second.welcomed, 10_000, "the second client's welcome");
  expectWelcome(welcome, "");
  expect(welcome.header.msg_id).not.toBe((await kernel.welcomed).header.msg_id);
});

test("a subscriber to a topic gets the welcome under that topic", async () => {
  const subscriber = new zmq.Subscriber({ linger: 0 });
  others.push(subscriber);
  subscriber.connect(endpoint(kernel.connection, kernel.connection.iopub_port));
  subscriber.subscribe("tsloop-topic");
  const frames = await withTimeout(subscriber.receive(), 10_000, "the topic's welcome");
  const decoded = decode(frames, kernel.signer);
  if (!decoded.ok) throw new Error(`the welcome does not decode: ${decoded.reason}`);
  expect(decoded.envelope.identities.map(String)).toEqual(["tsloop-topic"]);
  expectWelcome(decoded.envelope, "tsloop-topic");
});
