// The layer rules of .dependency-cruiser.cjs: a fixture tree with an import up each layer fails
// with the rule named for it (and the allowed imports pass), and the real tree breaks no rule.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const DEPCRUISE = join(ROOT, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
}

interface CruiseResult {
  violations: Violation[];
  cruised: number;
}

/** Runs depcruise with the config in `cwd` as `npm run lint` does (its `err` report); returns the exit status. */
function depcruise(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [DEPCRUISE, "--config", join(cwd, ".dependency-cruiser.cjs"), ...args], {
    cwd,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs depcruise over `paths` in `cwd` and returns its JSON verdict. */
function cruise(cwd: string, paths: string[]): CruiseResult {
  const run = depcruise(cwd, ["--output-type", "json", ...paths]);
  if (!run.stdout) throw new Error(`depcruise printed nothing (status ${run.status}): ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { summary: { violations: Violation[]; totalCruised: number } };
  return { violations: report.summary.violations, cruised: report.summary.totalCruised };
}

/** `rule: from -> to`, sorted, for exact comparison. */
function verdicts(violations: Violation[]): string[] {
  return violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

describe("the layer rules on a fixture tree", () => {
  let dir: string;
  let result: CruiseResult;

  const files: Record<string, string> = {
    // allowed: session -> protocol, transport -> session's ports as a type, display -> io,
    // evaluator and language -> the leaf diagnostic.ts, language -> log.ts, test/cli -> cli/run
    "src/protocol/message.ts": "export interface Message { id: string }\n",
    "src/session/ports.ts":
      'import type { Message } from "../protocol/message";\nexport interface Channels { send(m: Message): void }\nexport const CHANNELS = 1;\n',
    "src/session/kernel.ts": 'import type { Message } from "../protocol/message";\nexport const sessionOf = (m: Message) => m.id;\n',
    "src/transport/typed.ts": 'import type { Channels } from "../session/ports";\nexport type C = Channels;\n',
    "src/io/scope.ts": "export const scope = 1;\n",
    "src/display/display.ts": 'import { scope } from "../io/scope";\nexport const shown = scope;\n',
    "src/diagnostic.ts": "export interface CellDiagnostic { line: number }\n",
    "src/log.ts": "export const log = (s: string) => s;\n",
    "src/evaluator/errors.ts": 'import type { CellDiagnostic } from "../diagnostic";\nexport type E = CellDiagnostic;\n',
    "src/language/checker.ts":
      'import type { CellDiagnostic } from "../diagnostic";\nimport { log } from "../log";\nexport const check = (d: CellDiagnostic) => log(String(d.line));\n',
    "src/cli/run/lesson-check.ts": "export const compare = 1;\n",
    "test/cli/lesson-check.test.ts": 'import { compare } from "../../src/cli/run/lesson-check";\nexport const c = compare;\n',
    "kernel/main.ts": 'import { sessionOf } from "../src/session/kernel";\nexport const main = sessionOf;\n',
    // allowed: comms -> protocol's types, widgets -> comms, io and display
    "src/comms/comm.ts": 'import type { Message } from "../protocol/message";\nexport const commOf = (m: Message) => m.id;\n',
    "src/widgets/widget.ts":
      'import { commOf } from "../comms/comm";\nimport { scope } from "../io/scope";\nimport { shown } from "../display/display";\nexport const w = [commOf, scope, shown];\n',

    // forbidden: each import below breaks the rule its comment names
    // protocol-only-itself (a type-only import counts)
    "src/protocol/codec.ts": 'import type { sessionOf } from "../session/kernel";\nexport type S = typeof sessionOf;\n',
    // engine-siblings-apart
    "src/evaluator/transpile.ts": 'import { check } from "../language/checker";\nexport const t = check;\n',
    // engine-knows-no-jupyter
    "src/io/publish.ts": 'import type { Message } from "../protocol/message";\nexport type M = Message;\n',
    // display-over-io-only
    "src/display/typed.ts": 'import type { E } from "../evaluator/errors";\nexport type D = E;\n',
    // coroutines-standalone
    "src/coroutines/loop.ts": 'import { log } from "../log";\nexport const loop = log;\n',
    // ports-as-types (a value import of the port)
    "src/transport/sockets.ts": 'import { CHANNELS } from "../session/ports";\nexport const c = CHANNELS;\n',
    // session-layer
    "src/session/execute.ts": 'import type { C } from "../transport/typed";\nexport type X = C;\n',
    // interpreter-layer (dispatch is not a port)
    "src/interpreter/interpreter.ts": 'import { sessionOf } from "../session/kernel";\nexport const i = sessionOf;\n',
    // client-layer
    "src/client/client.ts": 'import { sessionOf } from "../session/kernel";\nexport const k = sessionOf;\n',
    // cli-layer
    "src/cli/install.ts": 'import { scope } from "../io/scope";\nexport const s = scope;\n',
    // src-not-to-process-or-tooling
    "src/cli/main.ts": 'import { main } from "../../kernel/main";\nexport const m = main;\n',
    // bench-test-use-client-not-cli-run
    "test/kernel/run.test.ts": 'import { compare } from "../../src/cli/run/lesson-check";\nexport const r = compare;\n',
    // comms-layer
    "src/comms/session.ts": 'import type { X } from "../session/execute";\nexport type S = X;\n',
    // comms-protocol-types-only
    "src/protocol/header.ts": 'export const VERSION = "5.3";\n',
    "src/comms/version.ts": 'import { VERSION } from "../protocol/header";\nexport const v = VERSION;\n',
    // widgets-layer
    "src/widgets/ports.ts": 'import type { Channels } from "../session/ports";\nexport type P = Channels;\n',
    // engine-knows-no-jupyter (display does not know the widgets)
    "src/display/widgets.ts": 'import { w } from "../widgets/widget";\nexport const d = w;\n',
    // no-circular (reported once, from the first module of the cycle)
    "src/io/a.ts": 'import { b } from "./b";\nexport const a = () => b;\n',
    "src/io/b.ts": 'import { a } from "./a";\nexport const b = () => a;\n',
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "tsloop-layers-"));
    copyFileSync(join(ROOT, ".dependency-cruiser.cjs"), join(dir, ".dependency-cruiser.cjs"));
    copyFileSync(join(ROOT, "tsconfig.json"), join(dir, "tsconfig.json"));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    // leaves-stay-leaves: the leaf imports a layer
    writeFileSync(
      join(dir, "src/diagnostic.ts"),
      'import type { Message } from "./protocol/message";\nexport interface CellDiagnostic { line: number; m?: Message }\n',
    );
    result = cruise(dir, ["src", "kernel", "test"]);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reports each upward import with the rule named for its layer, and nothing else", () => {
    expect(verdicts(result.violations)).toEqual(
      [
        "protocol-only-itself: src/protocol/codec.ts -> src/session/kernel.ts",
        "engine-siblings-apart: src/evaluator/transpile.ts -> src/language/checker.ts",
        "engine-knows-no-jupyter: src/io/publish.ts -> src/protocol/message.ts",
        "display-over-io-only: src/display/typed.ts -> src/evaluator/errors.ts",
        "coroutines-standalone: src/coroutines/loop.ts -> src/log.ts",
        "ports-as-types: src/transport/sockets.ts -> src/session/ports.ts",
        "session-layer: src/session/execute.ts -> src/transport/typed.ts",
        "interpreter-layer: src/interpreter/interpreter.ts -> src/session/kernel.ts",
        "client-layer: src/client/client.ts -> src/session/kernel.ts",
        "cli-layer: src/cli/install.ts -> src/io/scope.ts",
        "src-not-to-process-or-tooling: src/cli/main.ts -> kernel/main.ts",
        "bench-test-use-client-not-cli-run: test/kernel/run.test.ts -> src/cli/run/lesson-check.ts",
        "no-circular: src/io/a.ts -> src/io/b.ts",
        "comms-layer: src/comms/session.ts -> src/session/execute.ts",
        "comms-protocol-types-only: src/comms/version.ts -> src/protocol/header.ts",
        "widgets-layer: src/widgets/ports.ts -> src/session/ports.ts",
        "engine-knows-no-jupyter: src/display/widgets.ts -> src/widgets/widget.ts",
        "leaves-stay-leaves: src/diagnostic.ts -> src/protocol/message.ts",
      ].sort(),
    );
  });

  it("fails the lint: a non-zero exit, naming the rule", () => {
    const run = depcruise(dir, ["src/protocol"]);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toContain("protocol-only-itself: src/protocol/codec.ts → src/session/kernel.ts");
  });
});

describe("the layer rules on the real tree", () => {
  it("breaks no rule", () => {
    const result = cruise(ROOT, ["."]);
    expect(result.cruised).toBeGreaterThan(100);
    expect(verdicts(result.violations)).toEqual([]);
  });
});
