// Jest transform for the front-end packages that ship ES modules only (@jupyter-widgets/*,
// d3-*): esbuild turns them into CommonJS, which jest's runtime loads.
const { transformSync } = require("esbuild");

module.exports = {
  process(source, path) {
    const { code, map } = transformSync(source, { format: "cjs", loader: "js", target: "node20", sourcefile: path, sourcemap: "external" });
    return { code, map };
  },
};
