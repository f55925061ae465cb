// Where each install flag points, by jupyter_core/jupyter_client's rules (checked in-process).
import * as os from "node:os";
import * as path from "node:path";
import { dataDir, parseTargetArgs } from "../../src/cli/locations";

const linux = process.platform === "linux";

describe("parseTargetArgs", () => {
  it("defaults to the system location and the name tsloop", () => {
    expect(parseTargetArgs("install", [])).toEqual({ location: { kind: "system" }, name: "tsloop" });
  });
  it("reads each location flag, also in --flag=value form", () => {
    expect(parseTargetArgs("install", ["--user"]).location).toEqual({ kind: "user" });
    expect(parseTargetArgs("install", ["--sys-prefix"]).location).toEqual({ kind: "sys-prefix" });
    expect(parseTargetArgs("install", ["--prefix", "/x"]).location).toEqual({ kind: "prefix", dir: "/x" });
    expect(parseTargetArgs("install", ["--prefix=/x", "--name=dev"])).toEqual({
      location: { kind: "prefix", dir: "/x" },
      name: "dev",
    });
  });
  it("rejects two locations, missing values and bad names", () => {
    expect(() => parseTargetArgs("install", ["--user", "--sys-prefix"])).toThrow(/cannot be combined/);
    expect(() => parseTargetArgs("install", ["--prefix"])).toThrow(/needs a value/);
    expect(() => parseTargetArgs("install", ["--name", "a/b"])).toThrow(/invalid kernel name/);
  });
});

(linux ? describe : describe.skip)("dataDir on Linux", () => {
  it("system: jupyter's first system data dir", () => {
    expect(dataDir({ kind: "system" }, {})).toBe("/usr/local/share/jupyter");
  });
  it("user: $JUPYTER_DATA_DIR, else $XDG_DATA_HOME/jupyter, else ~/.local/share/jupyter", () => {
    expect(dataDir({ kind: "user" }, { JUPYTER_DATA_DIR: "/j" })).toBe("/j");
    expect(dataDir({ kind: "user" }, { XDG_DATA_HOME: "/xdg" })).toBe("/xdg/jupyter");
    expect(dataDir({ kind: "user" }, {})).toBe(path.join(os.homedir(), ".local", "share", "jupyter"));
  });
  it("prefix: DIR/share/jupyter, made absolute", () => {
    expect(dataDir({ kind: "prefix", dir: "/opt/x" }, {})).toBe("/opt/x/share/jupyter");
    expect(dataDir({ kind: "prefix", dir: "rel" }, {})).toBe(path.resolve("rel", "share", "jupyter"));
  });
  it("sys-prefix: asks the Python that runs jupyter (or $TSLOOP_PYTHON) for sys.prefix", () => {
    expect(dataDir({ kind: "sys-prefix" }, { ...process.env, TSLOOP_PYTHON: "/usr/bin/python3" })).toBe("/usr/share/jupyter");
  });
});
