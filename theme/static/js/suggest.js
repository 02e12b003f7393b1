// "Did you mean": the closest word the open listings actually use (search/words.json, most used
// first), for each word of a query that found nothing.
let words; // a promise of the word list, fetched the first time a search finds nothing

export async function suggest(url, query) {
  words ??= fetch(url).then((response) => response.json());
  const known = await words;
  const vocabulary = new Set(known);
  let changed = false;
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean).map((term) => {
    if (vocabulary.has(term) || term.length < 3) return term;
    const best = closest(term, known);
    if (best) changed = true;
    return best || term;
  });
  return changed ? terms.join(" ") : null;
}

function closest(term, known) {
  const limit = term.length <= 4 ? 1 : 2;
  let best = null;
  let bestDistance = limit + 1;
  for (const word of known) { // most used first, so the first of equal distance wins
    if (Math.abs(word.length - term.length) >= bestDistance) continue;
    const distance = editDistance(term, word, bestDistance);
    if (distance < bestDistance) [best, bestDistance] = [word, distance];
    if (bestDistance === 1) break;
  }
  return best;
}

// Optimal string alignment distance (a swap of two neighbours counts as one edit), given up past `limit`.
function editDistance(a, b, limit) {
  let before = null;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j], before[j - 2] + 1);
      }
      smallest = Math.min(smallest, row[j]);
    }
    if (smallest >= limit) return limit;
    [before, previous] = [previous, row];
  }
  return previous[b.length];
}
