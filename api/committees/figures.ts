/** Small-number suppression: any count under the threshold is shown as "fewer than N", never its value. */

export type Figure = { label: string; count: number | null; display: string };

export function suppress(rows: readonly { key: string | null; count: number }[], threshold: number): Figure[] {
  return rows
    .map((row) => ({
      label: row.key ?? 'Unknown',
      count: row.count < threshold ? null : row.count,
      display: row.count < threshold ? `fewer than ${threshold}` : String(row.count),
    }))
    .sort((a, b) => (b.count ?? 0) - (a.count ?? 0) || a.label.localeCompare(b.label));
}
