// MurmurHash2 of a string's UTF-8 bytes, exactly as JupyterLab's debugger computes it
// (@jupyterlab/debugger's hash.ts): the kernel and the front end name a cell's file by it.
const M = 0x5bd1e995;
const encoder = new TextEncoder();

/** 32-bit multiply by M, in two 16-bit halves so JavaScript's doubles stay exact. */
const times = (x: number) => (x & 0xffff) * M + ((((x >>> 16) * M) & 0xffff) << 16);

export function murmur2(text: string, seed: number): number {
  const data = encoder.encode(text);
  let length = data.length;
  let h = seed ^ length;
  let i = 0;
  while (length >= 4) {
    let k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    k = times(k);
    k ^= k >>> 24;
    k = times(k);
    h = times(h) ^ k;
    length -= 4;
    i += 4;
  }
  if (length === 3) h ^= data[i + 2] << 16;
  if (length >= 2) h ^= data[i + 1] << 8;
  if (length >= 1) h = times(h ^ data[i]);
  h ^= h >>> 13;
  h = times(h);
  h ^= h >>> 15;
  return h >>> 0;
}
