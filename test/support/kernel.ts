// Starts the real kernel process from the repo's kernel.json argv (as a client would) over ZeroMQ.
import { join } from "node:path";
import { KernelClient, StartOptions } from "../../src/client/kernel-client";
import { kernelArgv as argvOf } from "../../src/client/kernelspec-argv";
import type { Content, Envelope } from "../../src/protocol/message";

export const ROOT = join(__dirname, "..", "..");

export const kernelArgv = () => argvOf(ROOT);

export async function startKernel(options: Partial<StartOptions> = {}): Promise<KernelClient & { stderr: string[] }> {
  const stderr: string[] = [];
  const client = await KernelClient.start({ argv: kernelArgv(), cwd: ROOT, onStderr: (t) => stderr.push(t), ...options });
  await client.ready();
  return Object.assign(client, { stderr });
}

export const types = (messages: Envelope[]) => messages.map((m) => m.header.msg_type);
export const streamText = (messages: Envelope[], name = "stdout") =>
  messages
    .filter((m) => m.header.msg_type === "stream" && m.content.name === name)
    .map((m) => m.content.text)
    .join("");
export const ofType = (messages: Envelope[], type: string) => messages.filter((m) => m.header.msg_type === type);
export const plain = (message: Envelope | undefined) => (message?.content.data as Record<string, string> | undefined)?.["text/plain"];
/** An error's traceback as one text, without its colours. */
export const tracebackText = (content: Content): string => (content.traceback as string[]).join("\n").replace(/\x1b\[[\d;]*m/g, "");
/** A content field as text, for a template or a message: a string as it is, any other value as JSON (`undefined` as "undefined"). */
export const textOf = (content: Content, field: string): string => {
  const value = content[field];
  return typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
};
