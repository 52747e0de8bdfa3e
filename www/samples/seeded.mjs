// A seeded pseudo-random source for the sample page generators (gen-*.mjs), so that a
// generated page is the same bytes every time it is made: mulberry32 and two helpers.
export function seeded(seed) {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    rand,
    pick: (arr) => arr[Math.floor(rand() * arr.length)],
    between: (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)),
  };
}
