// Bundles the page (index.ts and JupyterLab's packages it imports) with esbuild into `outdir`,
// beside its index.html: a folder Jupyter Server serves as static files. Built by the test, never
// committed.
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { build, type Plugin } from "esbuild";

const NODE_MODULES = join(__dirname, "..", "..", "..", "node_modules");
const FONTS_AND_IMAGES = [".woff", ".woff2", ".ttf", ".eot", ".png", ".gif"];

/**
 * JupyterLab's icons import .svg files as text (the markup of each icon); its CSS points at .svg
 * files with url(), which must stay URLs: those become data URLs. Its CSS also names packages with
 * webpack's `~` prefix, which esbuild does not know.
 */
const jupyterlabAssets: Plugin = {
  name: "jupyterlab-assets",
  setup(build) {
    build.onResolve({ filter: /^~/ }, (args) => build.resolve(args.path.slice(1), { kind: args.kind, resolveDir: args.resolveDir }));
    build.onResolve({ filter: /\.svg$/ }, async (args) => {
      if (args.namespace === "svg-url") return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, namespace: "svg-url" });
      return args.kind === "url-token" ? { path: resolved.path, namespace: "svg-url" } : resolved;
    });
    build.onLoad({ filter: /\.svg$/, namespace: "svg-url" }, (args) => ({ contents: readFileSync(args.path), loader: "dataurl" }));
  },
};

export async function buildJupyterLabPage(outdir: string): Promise<void> {
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [join(__dirname, "index.ts")],
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2022",
    outdir,
    minify: true,
    sourcemap: false,
    define: { "process.env.NODE_ENV": '"production"', global: "globalThis" },
    loader: { ".svg": "text", ...Object.fromEntries(FONTS_AND_IMAGES.map((ext) => [ext, "dataurl"])) },
    plugins: [jupyterlabAssets],
    // Packages that require() Yjs would get its CommonJS build beside the ES one the others import:
    // two Yjs, whose documents do not mix ("Not same Y.Doc"). One build serves all.
    // @jupyterlab/debugger 4.6.4 brings its own @jupyter/web-components (0.16) beside
    // ui-components' (0.17): a second design system, whose colours do not follow the theme (the
    // variables tree came out dark). The top-level copies serve all.
    alias: {
      yjs: join(NODE_MODULES, "yjs", "dist", "yjs.mjs"),
      "@jupyter/web-components": join(NODE_MODULES, "@jupyter", "web-components"),
      "@jupyter/react-components": join(NODE_MODULES, "@jupyter", "react-components"),
    },
    logLevel: "error",
  });
  copyFileSync(join(__dirname, "index.html"), join(outdir, "index.html"));
}
