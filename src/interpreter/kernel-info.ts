// What kernel_info_reply says about tsloop and the language it runs.
import * as packageJson from "../../package.json";
import { typescriptVersion } from "../language/tsgo";

export function kernelInfo() {
  return {
    implementation: "tsloop",
    implementation_version: packageJson.version,
    language_info: {
      name: "typescript",
      version: typescriptVersion(), // the TypeScript that checks the cells
      mimetype: "text/typescript",
      file_extension: ".ts",
      // A mode name, not {name: "javascript", typescript: true}: JupyterLab 4 finds its TypeScript mode by
      // this name, and clients on the Rust jupyter-protocol crate accept only a string or {name, version}.
      codemirror_mode: "typescript",
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
