/**
 * Which earlier basis a release of figures must repeat. Any two bases of the same item differ by at least the
 * threshold (counted as submissions in one but not the other), and a release shows a basis within fewer than the
 * threshold of what it pulls, or starts a new basis. So two releases either show the same figures or figures of
 * sets at least the threshold apart: comparing versions, or before and after one child withdrew, shows nothing.
 */

/** How many submissions are in one set but not the other. */
export function setDistance(a: readonly string[], b: readonly string[]): number {
  const inA = new Set(a);
  const inB = new Set(b);
  let distance = 0;
  for (const id of inA) if (!inB.has(id)) distance += 1;
  for (const id of inB) if (!inA.has(id)) distance += 1;
  return distance;
}

/** The nearest basis fewer than `threshold` submissions away (the latest of equals), or undefined: start a new one. */
export function basisToRepeat<B extends { submissionIds: readonly string[] }>(bases: readonly B[], ids: readonly string[], threshold: number): B | undefined {
  let best: { basis: B; distance: number } | undefined;
  for (const basis of bases) {
    const distance = setDistance(basis.submissionIds, ids);
    if (distance < threshold && (!best || distance <= best.distance)) best = { basis, distance };
  }
  return best?.basis;
}
