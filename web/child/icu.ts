/**
 * A small ICU MessageFormat subset for the children's app: `{name}`, `{n, plural, …}` (with `=N`, `#` and
 * Intl.PluralRules), `{x, select, …}` and ICU apostrophe quoting. About 1 KB gzipped, so the first load stays under
 * its 30 KB budget; the full runtimes (intl-messageformat, @messageformat/core) cost more than the whole app's words.
 */

export type Part = string | { arg: string } | { arg: string; type: 'plural' | 'select'; options: Record<string, Part[]> };
export type Values = Record<string, string | number>;

/** Parses one message; throws on a malformed one (the catalogue test parses every message of every language). */
export function parseMessage(source: string): Part[] {
  let at = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at ${at} in: ${source}`);
  };
  const parts = (inPlural: boolean, nested: boolean): Part[] => {
    const out: Part[] = [];
    let text = '';
    while (at < source.length) {
      const char = source[at]!;
      if (char === "'") {
        const after = source[at + 1];
        if (after === "'") {
          text += "'";
          at += 2;
          continue;
        }
        if (after === '{' || after === '}' || (inPlural && after === '#')) {
          const end = source.indexOf("'", at + 1);
          if (end < 0) fail('Unclosed quote');
          text += source.slice(at + 1, end);
          at = end + 1;
          continue;
        }
      }
      if (char === '}') {
        if (!nested) fail('Unexpected }');
        break;
      }
      if (char === '#' && inPlural) {
        if (text) out.push(text);
        text = '';
        out.push({ arg: '#' });
        at++;
        continue;
      }
      if (char === '{') {
        if (text) out.push(text);
        text = '';
        out.push(argument());
        continue;
      }
      text += char;
      at++;
    }
    if (text) out.push(text);
    return out;
  };
  const word = (): string => {
    while (source[at] === ' ') at++;
    const match = /^[^\s,{}]+/.exec(source.slice(at));
    if (!match) fail('Expected a name');
    at += match![0].length;
    while (source[at] === ' ') at++;
    return match![0];
  };
  const argument = (): Part => {
    at++;
    const arg = word();
    if (source[at] === '}') {
      at++;
      return { arg };
    }
    if (source[at] !== ',') fail('Expected , or }');
    at++;
    const type = word();
    if (type !== 'plural' && type !== 'select') fail(`Unsupported type ${type}`);
    if (source[at] !== ',') fail('Expected ,');
    at++;
    const options: Record<string, Part[]> = {};
    for (;;) {
      while (/\s/.test(source[at] ?? '')) at++;
      if (source[at] === '}') break;
      const key = word();
      if (source[at] !== '{') fail('Expected {');
      at++;
      options[key] = parts(type === 'plural', true);
      if (source[at] !== '}') fail('Unclosed option');
      at++;
    }
    at++;
    if (!options.other) fail('Missing other');
    return { arg, type: type as 'plural' | 'select', options };
  };
  const result = parts(false, false);
  if (at < source.length) fail('Trailing text');
  return result;
}

/** The arguments a message uses, each with its kind: what every translation must keep. */
export function argumentsOf(parts: readonly Part[], into = new Map<string, string>()): Map<string, string> {
  for (const part of parts) {
    if (typeof part === 'string' || part.arg === '#') continue;
    into.set(part.arg, 'type' in part ? part.type : into.get(part.arg) ?? 'text');
    if ('type' in part) for (const option of Object.values(part.options)) argumentsOf(option, into);
  }
  return into;
}

/** Fills a parsed message; numbers go through Intl.NumberFormat and plural categories through Intl.PluralRules. */
export function formatParts(parts: readonly Part[], locale: string, values: Values, hash?: number): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') out += part;
    else if (part.arg === '#') out += hash === undefined ? '#' : new Intl.NumberFormat(locale).format(hash);
    else if (!('type' in part)) {
      const value = values[part.arg];
      out += typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : (value ?? '');
    } else if (part.type === 'plural') {
      const n = Number(values[part.arg] ?? 0);
      const option = part.options[`=${n}`] ?? part.options[new Intl.PluralRules(locale).select(n)] ?? part.options.other!;
      out += formatParts(option, locale, values, n);
    } else {
      out += formatParts(part.options[String(values[part.arg])] ?? part.options.other!, locale, values, hash);
    }
  }
  return out;
}
