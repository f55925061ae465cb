// Load and validate a Jupyter connection file. A bad file is a value with a readable reason,
// so the caller can print one line and exit 2.
import { chmodSync, readFileSync, rmSync } from "node:fs";

export interface ConnectionInfo {
  transport: "tcp" | "ipc";
  ip: string;
  shell_port: number;
  control_port: number;
  iopub_port: number;
  stdin_port: number;
  hb_port: number;
  key: string;
  signature_scheme: string;
  kernel_name?: string;
}

export type ChannelPort = "shell_port" | "control_port" | "iopub_port" | "stdin_port" | "hb_port";
export const CHANNEL_PORTS: ChannelPort[] = ["shell_port", "control_port", "iopub_port", "stdin_port", "hb_port"];

export type Loaded<T> = { ok: true; value: T } | { ok: false; reason: string };

export function loadConnectionFile(path: string | undefined): Loaded<ConnectionInfo> {
  if (!path) return { ok: false, reason: "no connection file given" };
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    return { ok: false, reason: `cannot read connection file ${path}: ${(error as Error).message}` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `connection file ${path} is not JSON: ${(error as Error).message}` };
  }
  const checked = validateConnection(raw);
  return checked.ok ? checked : { ok: false, reason: `connection file ${path}: ${checked.reason}` };
}

export function validateConnection(raw: unknown): Loaded<ConnectionInfo> {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return { ok: false, reason: "not a JSON object" };
  const info = raw as Record<string, unknown>;
  const transport = info.transport ?? "tcp";
  if (transport !== "tcp" && transport !== "ipc") return { ok: false, reason: `unknown transport ${JSON.stringify(transport)}` };
  if (typeof info.ip !== "string" || info.ip === "") return { ok: false, reason: "'ip' must be a non-empty string" };
  for (const port of CHANNEL_PORTS) {
    const value = info[port];
    if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 65535) {
      return { ok: false, reason: `'${port}' must be an integer from 0 to 65535` };
    }
  }
  const key = info.key ?? "";
  if (typeof key !== "string") return { ok: false, reason: "'key' must be a string" };
  const scheme = info.signature_scheme ?? "hmac-sha256";
  if (typeof scheme !== "string" || !/^hmac-[\w-]+$/.test(scheme)) return { ok: false, reason: `unsupported signature_scheme ${JSON.stringify(scheme)}` };
  return {
    ok: true,
    value: {
      transport,
      ip: info.ip,
      shell_port: info.shell_port as number,
      control_port: info.control_port as number,
      iopub_port: info.iopub_port as number,
      stdin_port: info.stdin_port as number,
      hb_port: info.hb_port as number,
      key,
      signature_scheme: scheme,
      kernel_name: typeof info.kernel_name === "string" ? info.kernel_name : undefined,
    },
  };
}

/** The ZeroMQ endpoint of one channel: tcp://ip:port, or ipc://ip-port as jupyter_client names ipc files. */
export function endpoint(info: Pick<ConnectionInfo, "transport" | "ip">, port: number): string {
  return info.transport === "tcp" ? `tcp://${info.ip}:${port}` : `ipc://${info.ip}-${port}`;
}

/** Makes the ipc socket files of `ports` the owner's only (mode 0600): other users may not connect. */
export function restrictSocketFiles(info: ConnectionInfo, ports: ChannelPort[]): void {
  if (info.transport !== "ipc") return;
  for (const port of ports) chmodSync(`${info.ip}-${info[port]}`, 0o600);
}

/** Removes the ipc socket files of every channel (ZeroMQ may leave them when the process exits soon after closing). */
export function removeSocketFiles(info: ConnectionInfo): void {
  if (info.transport !== "ipc") return;
  for (const port of CHANNEL_PORTS) rmSync(`${info.ip}-${info[port]}`, { force: true });
}
