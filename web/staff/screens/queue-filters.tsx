/** Narrow the queue: kind, age band, priority, or only those with identifying details found or held as a group flood. */
import { useId } from 'preact/hooks';
import { AGE_BAND_LABELS, KIND_LABELS } from '../format.ts';
import type { AgeBand, Kind, QueueFilters, Taxonomy } from '../types.ts';

function Select(props: { label: string; value: string; options: [string, string][]; onValue: (value: string) => void }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(event) => props.onValue(event.currentTarget.value)}>
        <option value="">Any</option>
        {props.options.map(([value, label]) => (
          <option value={value}>{label}</option>
        ))}
      </select>
    </div>
  );
}

export function QueueFilterForm(props: { filters: QueueFilters; taxonomy: Taxonomy | undefined; onChange: (filters: QueueFilters) => void }) {
  const { filters, onChange } = props;
  return (
    <details class="filters">
      <summary>Filter the queue</summary>
      <div class="row">
        <Select label="Kind" value={filters.kind ?? ''} options={Object.entries(KIND_LABELS)} onValue={(kind) => onChange({ ...filters, kind: (kind || undefined) as Kind | undefined })} />
        <Select
          label="Age band"
          value={filters.ageBand ?? ''}
          options={Object.entries(AGE_BAND_LABELS)}
          onValue={(ageBand) => onChange({ ...filters, ageBand: (ageBand || undefined) as AgeBand | undefined })}
        />
        <Select
          label="Priority"
          value={filters.priority ?? ''}
          options={(props.taxonomy?.priorities ?? []).map((priority) => [priority.slug, priority.title])}
          onValue={(priority) => onChange({ ...filters, priority: priority || undefined })}
        />
      </div>
      <label class="check">
        <input type="checkbox" checked={filters.identifying === true} onChange={(event) => onChange({ ...filters, identifying: event.currentTarget.checked ? true : undefined })} /> Only with identifying
        details found
      </label>
      <label class="check">
        <input type="checkbox" checked={filters.flood === true} onChange={(event) => onChange({ ...filters, flood: event.currentTarget.checked ? true : undefined })} /> Only those held as a
        group flood
      </label>
    </details>
  );
}
