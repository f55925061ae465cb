// `tsloop install/uninstall` end to end: temp --prefix and --user (JUPYTER_DATA_DIR) installs,
// seen by Jupyter's own kernelspec listing; bad locations, help and unknown commands.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { kernelspecList, ROOT, tsloop } from "./cli-helpers";

const LOGOS = ["logo-32x32.png", "logo-64x64.png", "logo-svg.svg"];
let tmp: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tsloop-install-"));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function expectValidSpec(dir: string): void {
  const spec = JSON.parse(fs.readFileSync(path.join(dir, "kernel.json"), "utf8")) as { argv: string[] };
  expect(spec.argv).toHaveLength(5);
  // --expose-internals: the interrupt path clears Node's async-id stack (src/interrupt/inspector-stop.ts)
  const [node, flag, launcher, command, connection] = spec.argv;
  expect(flag).toBe("--expose-internals");
  expect(path.isAbsolute(node)).toBe(true);
  expect(fs.statSync(node).isFile()).toBe(true);
  // the Node that ran the install (CI runs the suite on the machine's Node and on Node 24)
  expect(execFileSync(node, ["--version"], { encoding: "utf8" }).trim()).toBe(process.version);
  expect(launcher).toBe(path.join(ROOT, "kernel", "tsloop.js"));
  expect(fs.statSync(launcher).isFile()).toBe(true);
  expect([command, connection]).toEqual(["kernel", "{connection_file}"]);
  expect(spec).toMatchObject({ display_name: "TypeScript (tsloop)", language: "typescript", interrupt_mode: "message" });
  for (const logo of LOGOS) {
    expect(fs.readFileSync(path.join(dir, logo))).toEqual(fs.readFileSync(path.join(ROOT, "kernel", logo)));
  }
}

describe("tsloop install --prefix", () => {
  it("installs a kernelspec Jupyter lists, and uninstall removes it", () => {
    const dest = path.join(tmp, "share", "jupyter", "kernels", "tsloop");
    const installed = tsloop(["install", "--prefix", tmp]);
    expect(installed).toMatchObject({ status: 0, stderr: "" });
    expect(installed.stdout).toContain(dest);
    expectValidSpec(dest);
    expect(fs.readdirSync(path.dirname(dest))).toEqual(["tsloop"]); // no staging leftovers

    const env = { JUPYTER_PATH: path.join(tmp, "share", "jupyter"), JUPYTER_DATA_DIR: path.join(tmp, "data") };
    expect(kernelspecList(env).tsloop?.resource_dir).toBe(dest);

    expect(tsloop(["install", "--prefix", tmp]).status).toBe(0); // reinstall replaces it
    expectValidSpec(dest);

    const removed = tsloop(["uninstall", "--prefix", tmp]);
    expect(removed.status).toBe(0);
    expect(fs.existsSync(dest)).toBe(false);
    expect(kernelspecList(env).tsloop).toBeUndefined();

    const again = tsloop(["uninstall", "--prefix", tmp]);
    expect(again.status).toBe(1);
    expect(again.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("honours --name", () => {
    expect(tsloop(["install", "--prefix", tmp, "--name", "tsloop-dev"]).status).toBe(0);
    expectValidSpec(path.join(tmp, "share", "jupyter", "kernels", "tsloop-dev"));
    expect(tsloop(["uninstall", "--prefix", tmp, "--name", "tsloop-dev"]).status).toBe(0);
  });

  it.each([
    ["a path under a regular file", (file: string) => path.join(file, "sub")],
    ["a regular file", (file: string) => file],
  ])("rejects %s with exit 2, one stderr line, nothing written", (_label, prefixOf) => {
    const file = path.join(tmp, "plain-file");
    fs.writeFileSync(file, "not a directory");
    const r = tsloop(["install", "--prefix", prefixOf(file)]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(fs.readdirSync(tmp)).toEqual(["plain-file"]);
    expect(fs.readFileSync(file, "utf8")).toBe("not a directory");
  });

  it("rejects bad arguments with exit 2", () => {
    for (const args of [["--prefix"], ["--user", "--prefix", tmp], ["--name", "no spaces"], ["--bogus"]]) {
      const r = tsloop(["install", ...args]);
      expect({ args, status: r.status, lines: r.stderr.trim().split("\n").length }).toEqual({ args, status: 2, lines: 1 });
    }
  });

  it("does not remove a kernelspec that is not tsloop's", () => {
    const other = path.join(tmp, "share", "jupyter", "kernels", "python3");
    fs.mkdirSync(other, { recursive: true });
    fs.writeFileSync(path.join(other, "kernel.json"), JSON.stringify({ argv: ["python3", "-m", "ipykernel"] }));
    const r = tsloop(["uninstall", "--prefix", tmp, "--name", "python3"]);
    expect(r.status).toBe(1);
    expect(fs.existsSync(path.join(other, "kernel.json"))).toBe(true);
  });
});

describe("tsloop install --user", () => {
  it("installs into $JUPYTER_DATA_DIR/kernels", () => {
    const dataDir = path.join(tmp, "user-data");
    const env = { JUPYTER_DATA_DIR: dataDir, JUPYTER_PATH: "" };
    const dest = path.join(dataDir, "kernels", "tsloop");
    const r = tsloop(["install", "--user"], env);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(dest);
    expectValidSpec(dest);
    expect(kernelspecList(env).tsloop?.resource_dir).toBe(dest);
    expect(tsloop(["uninstall", "--user"], env).status).toBe(0);
    expect(fs.existsSync(dest)).toBe(false);
  });
});

describe("tsloop commands", () => {
  it("--help lists every command", () => {
    for (const flag of ["--help", "-h"]) {
      const r = tsloop([flag]);
      expect(r.status).toBe(0);
      for (const command of ["install", "uninstall", "kernel", "run", "--help", "--version"]) {
        expect(r.stdout).toContain(command);
      }
      for (const option of ["--user", "--sys-prefix", "--prefix", "--name"]) expect(r.stdout).toContain(option);
    }
  });

  it("--version prints package.json's version", () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(tsloop(["--version"])).toMatchObject({ status: 0, stdout: `${version}\n` });
  });

  it("an unknown command prints usage on stderr and exits 2", () => {
    const r = tsloop(["frobnicate"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("frobnicate");
    expect(r.stderr).toContain("Usage:");
  });

  it("no command prints usage on stderr and exits 2", () => {
    const r = tsloop([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Usage:");
  });
});
