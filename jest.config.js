// Jest runs the TypeScript tests through ts-jest (transpile only: `tsc` checks types in the build).
// Tests that start the real kernel use the build in dist/, which `npm test` makes first.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": "ts-jest", "^.+\\.js$": "<rootDir>/test/support/esm-transform.js" },
  // The widget front-end packages (test/widgets/) ship ES modules: those are transformed, no other package.
  transformIgnorePatterns: ["/node_modules/(?!(@jupyter-widgets|nouislider)/)"],
  // d3's ES-module builds (.mjs) cannot be transformed to CommonJS by jest; their UMD builds load as they are.
  moduleNameMapper: { "^d3-(format|color)$": "<rootDir>/node_modules/d3-$1/dist/d3-$1.js" },
  testTimeout: 30000,
  // One test file at a time: each starts kernels with three or four threads of their own, and the
  // lesson, interrupt and heartbeat tests measure wall time on a 2-core machine.
  maxWorkers: 1,
};
