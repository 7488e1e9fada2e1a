/** One released breakdown drawn once as labelled bars, with its table behind a "show data" toggle; counts are the API's, only scaled here. */
import { useState } from 'preact/hooks';
import type { Figure } from '../types.ts';

export function FigureChart(props: { title: string; rows: Figure[] }) {
  const [table, setTable] = useState(false);
  const widest = Math.max(1, ...props.rows.map((row) => row.count ?? 0));
  if (props.rows.length === 0) return <p class="slide-lead">{props.title}: not shown, every count is too small.</p>;
  return (
    <section class="figure-chart" aria-label={props.title}>
      <h3>{props.title}</h3>
      {table ? (
        <table>
          <tbody>
            {props.rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>{row.display}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <ul class="chart-bars">
          {props.rows.map((row) => (
            <li key={row.label}>
              <span class="chart-label">{row.label}</span>
              <span class="chart-track" aria-hidden="true">
                <span class="chart-fill" style={{ width: `${Math.round(((row.count ?? 0) / widest) * 100)}%` }} />
              </span>
              <span class="chart-value">{row.display}</span>
            </li>
          ))}
        </ul>
      )}
      <button type="button" aria-pressed={table} onClick={() => setTable(!table)}>
        Show data
      </button>
    </section>
  );
}
