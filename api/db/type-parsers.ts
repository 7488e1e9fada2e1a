/** One place that makes PGlite and node-postgres return the same JavaScript types for the same columns. */
const INT8 = 20;
const DATE = 1082;

/**
 * bigint/count(*) become numbers (every count we keep fits in 2^53), and `date` stays 'YYYY-MM-DD' text
 * so a meeting date never shifts with the server's time zone.
 */
export const textParsers: Record<number, (value: string) => unknown> = {
  [INT8]: (value) => Number(value),
  [DATE]: (value) => value,
};
