// The cell file names must be JupyterLab's: these hashes are what @jupyterlab/debugger 4.6.4's own
// murmur2 (lib/hash.js) computes for the same strings and seeds.
import { murmur2 } from "../../src/debugger/murmur2";

it.each([
  ["", 0x7510b5, 3157785740],
  ["a", 0x7510b5, 1882782772],
  ["abc", 0x7510b5, 2415358615],
  ["abcd", 0x7510b5, 1341450373],
  ["const x: number = 1;\nx", 0x7510b5, 2646858896],
  ["héllo → 世界 🎉", 0x7510b5, 4071483275],
  ["ab", 1, 1692487918],
  ["print(1)", 1, 1626409200],
])("murmur2(%j, %d) is JupyterLab's %d", (text, seed, expected) => {
  expect(murmur2(text, seed)).toBe(expected);
});
