/**
 * A few hot statements (a child's quote at intake) are prepared once per connection instead of planned on every
 * call: planning the intake statement cost PostgreSQL more than running it. The statement is marked with a
 * leading comment, so it stays plain SQL for drivers that do not prepare (PGlite, the edge Worker).
 */
import { sql, type RawBuilder } from 'kysely';

const MARK = /^\/\* prepared:([a-z_]+) \*\//;

/** Put first in a `sql` template; each name must belong to one statement text. */
export function preparedAs(name: string): RawBuilder<unknown> {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`bad prepared statement name: ${name}`);
  return sql.raw(`/* prepared:${name} */ `);
}

/** The prepared statement name a SQL text asks for, if any. */
export function preparedNameOf(text: string): string | undefined {
  return MARK.exec(text)?.[1];
}
