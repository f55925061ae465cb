// ESLint (flat config): typescript-eslint's recommended type-checked rules over every TypeScript
// folder, ESLint's recommended rules over the JavaScript files. `npm run lint` runs it; each rule
// turned off or relaxed below says why.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  { ignores: ["dist/", "node_modules/", "coverage/", "bench/results/"] },
  // An `eslint-disable` comment that no longer silences anything is an error, so none outlives its reason.
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  {
    files: ["**/*.{js,cjs,mjs}"],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node, sourceType: "commonjs" },
  },
  { files: ["**/*.mjs"], languageOptions: { sourceType: "module" } },
  {
    files: ["**/*.ts"],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // One program over src/, kernel/, bench/, test/ and tools/ (tsconfig.eslint.json).
      parserOptions: { project: "./tsconfig.eslint.json", tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // The code matches ANSI colour escapes (\x1b[…m) and control characters in outputs and notebook text on purpose.
      "no-control-regex": "off",
      // An async function without `await` is how a port or a handler returns a Promise (a throw becomes a rejection),
      // and how the lessons mirror Python's `async def` bodies that never await.
      "@typescript-eslint/require-await": "off",
      // A leading underscore marks a name left unused on purpose (an override's parameters, a field destructured away).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      // Like Python's raise, a cell may throw any value; the coroutine layer passes a caught `unknown` on as it came.
      "@typescript-eslint/prefer-promise-reject-errors": ["error", { allowThrowingUnknown: true }],
    },
  },
);
