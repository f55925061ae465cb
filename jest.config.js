// Jest runs the TypeScript tests through ts-jest (transpile only: `tsc` checks types in the build).
// Tests that start the real kernel use the build in dist/, which `npm test` makes first.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": "ts-jest" },
  testTimeout: 30000,
  maxWorkers: 2,
};
