/** An agenda item's figures, small numbers suppressed by the API, as one small table per dimension. */
import { KIND_LABELS } from '../format.ts';
import type { Feedback, Figure } from '../types.ts';

const FIGURE_SETS = [
  ['byKind', 'By kind'],
  ['byAgeBand', 'By age band'],
  ['byPriority', 'By priority'],
  ['byTheme', 'By theme'],
  ['byGroup', 'By group'],
  ['byMonth', 'By month'],
] as const;

export function Figures(props: { figures: Feedback['figures'] }) {
  return (
    <section aria-labelledby="figures-heading">
      <h2 id="figures-heading">Figures ({props.figures.total} in all)</h2>
      <p class="hint">Small numbers are not shown, so no child can be picked out.</p>
      <div class="figures">
        {FIGURE_SETS.map(([key, title]) => {
          const rows: Figure[] = props.figures[key];
          return rows.length === 0 ? null : (
            <table>
                <caption>{title}</caption>
                <tbody>
                  {rows.map((row) => (
                    <tr>
                      <th scope="row">{key === 'byKind' && row.label in KIND_LABELS ? KIND_LABELS[row.label as keyof typeof KIND_LABELS] : row.label}</th>
                      <td>{row.display}</td>
                    </tr>
                  ))}
                </tbody>
            </table>
          );
        })}
      </div>
    </section>
  );
}
