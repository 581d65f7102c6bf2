/**
 * The connections divided between Prism's processes in proportion to the cases each serves (largest remainder, at
 * least one each): the same total as the sandbox gets, and about the same share of each case as in its mix.
 */
export function splitConnections(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map((x) => Math.max(1, Math.floor(x)));
  const byRemainder = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest);
  for (let k = 0, left = total - out.reduce((a, b) => a + b, 0); left > 0; k++, left--) out[byRemainder[k % out.length].i] += 1;
  return out;
}
