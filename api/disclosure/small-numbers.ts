/**
 * Small-number control for one breakdown of a set of children (committee figures, survey groups): which cells
 * may be shown so that no count under the threshold can be read off or worked out from what is shown.
 *
 * Additive breakdowns (every child in exactly one cell, so the cells add up to a total that is shown):
 * - a true zero is shown: it says nothing about any child, and a hidden cell is then known to be at least one
 *   whether or not zeros are shown;
 * - primary suppression hides every cell from 1 to threshold − 1;
 * - complementary suppression then hides the smallest shown cells, all cells of that size at once, until the k
 *   hidden cells are at least two and their sum H is at least the threshold, more than k, and less than k·(U − 1),
 *   U being the smallest shown cell (Math.min of nothing is Infinity). Total minus the shown cells gives only H.
 *   Each hidden cell is at least 1 and, for anyone who knows this rule, smaller than every shown cell (equal ones
 *   are hidden together), so it lies in [max(1, H − (k−1)(U−1)), min(U − 1, H − k + 1)]: two or more values
 *   under those conditions when U ≥ 3 (a shown cell is at least the threshold, so thresholds of 3 or more);
 * - this bounds what linear reasoning on the shown figures can learn (test/committees/figures-differencing.test.ts
 *   attacks it so); someone who replays this exact rule on guessed values can sometimes narrow hidden cells further;
 * - if that cannot be met even with every cell hidden (all cells are ones), the breakdown is withheld.
 * Every hidden cell carries the same marker, so no one can tell a small cell from one hidden with it.
 */

export type Disclosure = {
  /** The cells that must not be shown. */
  hidden: Set<string>;
  /** True when no cell of the breakdown may be shown, not even which cells exist. */
  withheld: boolean;
};

/** Primary, then complementary suppression of an additive breakdown; `sizes` maps each cell to its true count. */
export function additiveDisclosure(sizes: ReadonlyMap<string, number>, threshold: number): Disclosure {
  const hidden = new Set([...sizes].filter(([, size]) => size > 0 && size < threshold).map(([key]) => key));
  const shown = () => [...sizes].filter(([key, size]) => size > 0 && !hidden.has(key)).map(([, size]) => size);
  const unsafe = () => {
    const k = hidden.size;
    const sum = [...hidden].reduce((total, key) => total + sizes.get(key)!, 0);
    const smallestShown = Math.min(...shown());
    return k > 0 && (k < 2 || sum < threshold || sum <= k || sum >= k * (smallestShown - 1));
  };
  while (unsafe() && shown().length > 0) {
    const smallest = Math.min(...shown());
    for (const [key, size] of sizes) if (size === smallest) hidden.add(key);
  }
  return { hidden, withheld: unsafe() };
}

/**
 * A breakdown where one child may be in several cells or none (priorities, themes): the cells add up to no shown
 * figure, but each cell X with the total splits the set in two, "X" and "not X" = total − X, and that pair is
 * additive. So each cell is hidden when the pair would be under additive control (X small, or "not X" small).
 */
export function multiValuedDisclosure(sizes: ReadonlyMap<string, number>, total: number, threshold: number): Disclosure {
  const hidden = new Set<string>();
  for (const [key, size] of sizes) {
    const pair = additiveDisclosure(new Map([['in', size], ['out', total - size]]), threshold);
    if (pair.hidden.has('in') || (pair.withheld && size > 0)) hidden.add(key);
  }
  return { hidden, withheld: false };
}

/** Whether a total may be shown at all: under the threshold, nothing about the set is shown but "fewer than N". */
export function totalShown(total: number, threshold: number): boolean {
  return total >= threshold;
}
