/**
 * Typo tolerance for the help search: how far a query word may be from a word of the articles and
 * still be read as that word. Edit distance with adjacent transpositions counted once (optimal
 * string alignment), allowed as search engines allow it ("fuzziness: auto"): none for words of one
 * or two letters, one edit up to five letters, two beyond. So "Schutzfirst" is "Schutzfrist" and
 * "Kantiene" is "Kantine", but "auszahlen" is not "zahlen" — a word the articles do not hold is
 * not bent into one they do.
 */

/** Edits allowed for a query word of this length. */
export const allowedEdits = (length: number) => (length <= 2 ? 0 : length <= 5 ? 1 : 2);

/**
 * Optimal string alignment distance between `a` and `b` (insertions, deletions, substitutions and
 * swaps of two neighbours, each one edit), giving up with `Infinity` once it exceeds `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return Infinity;
  // Three rows of the dynamic-programming table: two back (for swaps), one back, this one.
  let before = new Array<number>(y.length + 1).fill(0);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j += 1) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        d = Math.min(d, before[j - 2] + 1);
      }
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return Infinity;
    before = previous;
    previous = current;
  }
  const distance = previous[y.length];
  return distance > max ? Infinity : distance;
}

/**
 * The candidate `word` may be read as: the first with the fewest edits within the allowance
 * (candidates come most similar first), or none.
 */
export function closestWord(word: string, candidates: readonly string[]): string | null {
  const max = allowedEdits([...word].length);
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate, max);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
