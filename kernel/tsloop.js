#!/usr/bin/env node
// The tsloop command. `kernel <connection_file>` (what kernel.json runs) goes straight to the
// kernel process so start-up loads nothing else; every other command goes through the CLI.
"use strict";
require("../dist/kernel/compile-cache.js"); // first, so the modules below are read from V8's cache on Node >= 22.1
const args = process.argv.slice(2);
if (args[0] === "kernel") {
  require("../dist/kernel/main.js").main(args.slice(1));
} else {
  require("../dist/src/cli/main.js").main(args);
}
