/** Ordinary quote wording (no disclosure) of an exact length, the same for Heard and the bare server. */
const WORDING = 'I like my foster carer and my new school. The football club on Saturdays is the best part of the week. I would like more say in when I see my brother. ';

export function quoteOfLength(characters: number): string {
  return WORDING.repeat(Math.ceil(characters / WORDING.length)).slice(0, characters).trimEnd().padEnd(characters, '.');
}
