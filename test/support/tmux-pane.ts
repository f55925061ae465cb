// A terminal program in a detached tmux session, typed into with send-keys and read back with
// capture-pane, for the tests of terminal clients (jupyter console). Each pane gets a tmux server
// of its own (-L), so closing it ends only what the test started.
import { execFileSync } from "node:child_process";

const POLL_MS = 200;
const pause = () => new Promise((resolve) => setTimeout(resolve, POLL_MS));

export class TmuxPane {
  private constructor(private readonly server: string) {}

  /** Starts `command` in a new session of a new tmux server, in a 120x50 window, with `env` set. */
  static start(command: string, env: Record<string, string>): TmuxPane {
    const pane = new TmuxPane(`tsloop-test-${process.pid}-${Date.now()}`);
    const vars = Object.entries(env).flatMap(([name, value]) => ["-e", `${name}=${value}`]);
    pane.tmux(["new-session", "-d", "-s", "main", "-x", "120", "-y", "50", ...vars, command], { ...process.env, ...env });
    return pane;
  }

  /** Types `text` as it is (tmux would take a trailing `;` for a command separator without -l), then Enter. */
  line(text: string): void {
    this.tmux(["send-keys", "-t", "main", "-l", text]);
    this.key("Enter");
  }

  type(text: string): void {
    this.tmux(["send-keys", "-t", "main", "-l", text]);
  }

  /** A key by tmux's name for it: Enter, Tab, C-d. */
  key(name: string): void {
    this.tmux(["send-keys", "-t", "main", name]);
  }

  /** The screen and its scroll-back as text, wrapped lines joined, trailing blanks dropped. */
  text(): string {
    return this.tmux(["capture-pane", "-p", "-J", "-S", "-1000", "-t", "main"])
      .split("\n")
      .map((line) => line.trimEnd())
      .join("\n")
      .trimEnd();
  }

  /** Polls the pane until `done(text)` holds; fails after `ms` with what the pane showed. */
  async waitFor(done: (text: string) => boolean, ms: number, what: string): Promise<string> {
    const deadline = Date.now() + ms;
    for (;;) {
      const text = this.text();
      if (done(text)) return text;
      if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}; the pane shows:\n${text}`);
      await pause();
    }
  }

  /** Waits (up to `ms`) for the session's program to end, which ends the session. */
  async waitForExit(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (!this.alive()) return true;
      await pause();
    }
    return false;
  }

  private alive(): boolean {
    try {
      this.tmux(["has-session", "-t", "main"]);
      return true;
    } catch {
      return false;
    }
  }

  /** Ends the tmux server (and so the session's processes get SIGHUP). */
  close(): void {
    try {
      this.tmux(["kill-server"]);
    } catch {
      /* already gone */
    }
  }

  private tmux(args: string[], env: NodeJS.ProcessEnv = process.env): string {
    return execFileSync("tmux", ["-L", this.server, ...args], { encoding: "utf8", env, timeout: 10_000 });
  }
}
