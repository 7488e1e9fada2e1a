/** An agenda item's figures as the API releases them (small numbers controlled there), one small table per dimension; nothing is computed here. */
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
      <h2 id="figures-heading">Figures ({props.figures.totalDisplay} in all)</h2>
      <p class="hint">
        So that no child can be picked out, counts under {props.figures.threshold} are not shown, nor the next smallest with them, and these figures (counted{' '}
        {props.figures.asOf.slice(0, 10)}) change only once at least {props.figures.threshold} contributions have changed.
      </p>
      <div class="figures">
        {FIGURE_SETS.map(([key, title]) => {
          const rows: Figure[] = props.figures[key];
          if (props.figures.withheld.includes(key)) return <p key={key}>{title}: not shown, every count is too small.</p>;
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
