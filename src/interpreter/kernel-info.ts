// What kernel_info_reply says about tsloop and the language it runs.
import * as packageJson from "../../package.json";

const TYPESCRIPT_VERSION = "5.9"; // the language as the checker knows it (package.json pins ~5.9); esbuild transpiles it

export function kernelInfo() {
  return {
    implementation: "tsloop",
    implementation_version: packageJson.version,
    language_info: {
      name: "typescript",
      version: TYPESCRIPT_VERSION,
      mimetype: "text/typescript",
      file_extension: ".ts",
      codemirror_mode: { name: "javascript", typescript: true },
      pygments_lexer: "typescript",
      nbconvert_exporter: "script",
    },
    banner: `tsloop ${packageJson.version}: TypeScript on one shared event loop (Node.js ${process.version})`,
    help_links: [
      { text: "TypeScript Handbook", url: "https://www.typescriptlang.org/docs/handbook/intro.html" },
      { text: "Node.js API", url: "https://nodejs.org/api/" },
    ],
  };
}
