/**
 * A language's reading of one text as columns in buffers reused from call to call (screening is synchronous), so a
 * 5,000-character message allocates no object per word. A word may give several tokens at the same span (text-speak
 * such as "kms"), then its detached pronouns.
 */

export class TokenList {
  length = 0;
  /** The atoms each token counts as (shared, cached lists: never written to). */
  atoms: (readonly number[])[] = [];
  start = new Int32Array(256);
  end = new Int32Array(256);
  sentence = new Int32Array(256);
  /** 1 for an object pronoun given as a token of its own (Arabic ني), which patterns may step over. */
  detached = new Uint8Array(256);
  /** The most detached pronouns in a row: how far a pattern may step over them. */
  longestDetachedRun = 0;
  private run = 0;

  clear(): void {
    this.length = 0;
    this.longestDetachedRun = 0;
    this.run = 0;
  }

  push(atoms: readonly number[], start: number, end: number, sentence: number, detached: boolean): void {
    const i = this.length;
    if (i === this.start.length) this.grow();
    this.atoms[i] = atoms;
    this.start[i] = start;
    this.end[i] = end;
    this.sentence[i] = sentence;
    this.detached[i] = detached ? 1 : 0;
    this.length = i + 1;
    this.run = detached ? this.run + 1 : 0;
    if (this.run > this.longestDetachedRun) this.longestDetachedRun = this.run;
  }

  private grow(): void {
    const size = this.start.length * 2;
    this.start = copyInto(new Int32Array(size), this.start);
    this.end = copyInto(new Int32Array(size), this.end);
    this.sentence = copyInto(new Int32Array(size), this.sentence);
    this.detached = copyInto(new Uint8Array(size), this.detached);
  }
}

function copyInto<T extends Int32Array | Uint8Array>(to: T, from: T): T {
  to.set(from);
  return to;
}
