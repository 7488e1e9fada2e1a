/** The full record of the selected submission (tags, pictures, consent, safeguarding due time), fetched again after each change. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { useNotice } from '../notice.tsx';
import type { SubmissionDetail } from '../types.ts';

export function useSubmission(id: string | undefined, version: number): SubmissionDetail | undefined {
  const notice = useNotice();
  const [state, setState] = useState<{ id: string; detail: SubmissionDetail }>();
  useEffect(() => {
    if (!id) return;
    let live = true;
    api.submission(id).then(
      (detail) => {
        if (live) setState({ id, detail });
      },
      (error: unknown) => {
        if (live) notice.fail('The details of this submission could not be loaded.', error);
      },
    );
    return () => {
      live = false;
    };
  }, [id, version]);
  return state && state.id === id ? state.detail : undefined;
}
