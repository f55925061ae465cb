// A connection file of our own, as jupyter_client writes one for a kernel it starts: free
// loopback ports (or ipc paths), a fresh key, in a new temporary folder.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { v4 as uuid } from "uuid";
import type { ConnectionInfo } from "../transport/connection";
import { freePorts } from "./ports";

export interface ConnectionFile {
  /** The temporary folder holding it (and the ipc socket files): remove it when done. */
  dir: string;
  file: string;
  connection: ConnectionInfo;
}

export async function writeConnectionFile(transport: "tcp" | "ipc" = "tcp", prefix = "tsloop-client-"): Promise<ConnectionFile> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const [shell, control, iopub, stdin, hb] = transport === "tcp" ? await freePorts(5) : [1, 2, 3, 4, 5];
  const connection: ConnectionInfo = {
    transport,
    ip: transport === "tcp" ? "127.0.0.1" : join(dir, "kernel"),
    shell_port: shell,
    control_port: control,
    iopub_port: iopub,
    stdin_port: stdin,
    hb_port: hb,
    key: uuid(),
    signature_scheme: "hmac-sha256",
  };
  const file = join(dir, "connection.json");
  writeFileSync(file, JSON.stringify(connection));
  return { dir, file, connection };
}
