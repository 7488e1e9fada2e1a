/** Import a survey another partnership shared (heard-survey/1 JSON), pasted or from a file, as a new draft. */
import { useId, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { surveysApi } from '../api-surveys.ts';
import { TextArea } from '../components.tsx';
import { useNotice } from '../notice.tsx';
import { href } from '../router.ts';
import { setFlash } from './flash.ts';
import { kindly } from './model.ts';

export function SurveyImport() {
  const notice = useNotice();
  const fileId = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function readFile(file: File | undefined) {
    if (!file) return;
    try {
      setText(await file.text());
      setError(undefined);
      notice.ok(`Read ${file.name}. Check it below, then import it.`);
    } catch {
      notice.warn(`${file.name} could not be read.`);
    }
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    let shared: unknown;
    try {
      shared = JSON.parse(text);
    } catch {
      setError('This is not a survey file: paste the whole heard-survey/1 JSON, from { to }.');
      return notice.warn('Nothing was imported: the text is not JSON.');
    }
    setBusy(true);
    try {
      const saved = await surveysApi.import(shared);
      setFlash(`Imported the survey as a new draft (version ${saved.version}). Read it through, then publish it when it suits your partnership.`);
      window.location.hash = href('surveys', saved.id);
    } catch (failure) {
      if (failure instanceof ApiError && failure.errors.length > 0) {
        setError(`The file does not match heard-survey/1: ${failure.errors.map((problem) => `${problem.pointer || 'the file'}: ${kindly(problem)}`).join('; ')}`);
        notice.warn('Nothing was imported: the file does not match heard-survey/1. The problems are shown under the text.');
      } else notice.fail('Nothing was imported.', failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate class="inline-form" aria-labelledby="import-heading" onSubmit={(event) => void submit(event)}>
      <h2 id="import-heading">Import a survey</h2>
      <p>Another partnership can share a survey as a heard-survey/1 file. Its words and questions become a new draft here; nothing is published until you publish it.</p>
      <div class="field">
        <label for={fileId}>
          Survey file <span class="optional">(optional)</span>
        </label>
        <input id={fileId} type="file" accept=".json,application/json" onChange={(event) => void readFile(event.currentTarget.files?.[0])} />
      </div>
      <TextArea label="Or paste the survey JSON" value={text} onValue={(value) => (setText(value), setError(undefined))} error={error} required />
      <button type="submit" class="primary">
        Import as a new draft
      </button>
    </form>
  );
}
