/** Typed calls for committees: meetings, agenda items, the feedback an item pulls, curation, "discussed", pack versions and attached surveys. */
import { call, post, put, query } from './api.ts';
import type { Committee, CurationChoice, Feedback, IssuedPack, NewAgendaItem, PackSurveyAttachment, PackVersion, PresentSurvey } from './types.ts';

const item = (id: string) => `/api/agenda-items/${encodeURIComponent(id)}`;

export const committeesApi = {
  list: () => call<{ committees: Committee[] }>('/api/committees'),
  addMeeting: (committeeId: number, heldOn: string, title?: string) =>
    post<{ id: string }>(`/api/committees/${committeeId}/meetings`, title ? { heldOn, title } : { heldOn }),
  addAgendaItem: (meetingId: string, body: NewAgendaItem) => post<{ id: string }>(`/api/meetings/${encodeURIComponent(meetingId)}/agenda-items`, body),
  feedback: (id: string, cursor?: string, limit = 25) => call<Feedback>(`${item(id)}/feedback${query({ limit, cursor })}`),
  /** Every entry the item pulls, a hundred a request (present mode shows them all). */
  allEntries: async (id: string) => {
    const all: Feedback['entries'] = [];
    let cursor: string | undefined;
    do {
      const page = await committeesApi.feedback(id, cursor, 100);
      all.push(...page.entries.filter((entry) => !all.some((seen) => seen.id === entry.id)));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  },
  surveyResults: (id: string) => call<{ surveys: PresentSurvey[] }>(`${item(id)}/surveys/results`),
  curate: (id: string, submissionId: string, choice: CurationChoice, note?: string) =>
    put<{ choice: CurationChoice }>(`${item(id)}/curation/${encodeURIComponent(submissionId)}`, note ? { choice, note } : { choice }),
  markDiscussed: (id: string, outcomeNote?: string) => post<{ shared: number }>(`${item(id)}/discussed`, outcomeNote ? { outcomeNote } : {}),
  packUrl: (id: string) => `${item(id)}/pack`,
  csvUrl: (id: string) => `${item(id)}/feedback.csv`,
  xlsxUrl: (id: string) => `${item(id)}/feedback.xlsx`,
  packVersions: (id: string) => call<{ versions: PackVersion[] }>(`${item(id)}/packs`),
  /** 201 with a new version, or 200 with the current one (`unchanged`) when nothing it shows has changed. */
  issuePack: (id: string) => post<IssuedPack>(`${item(id)}/packs`, {}),
  /** A version's print page; for a superseded one, the page with its record and a link to the current version. */
  versionUrl: (versionId: string) => `/api/packs/${encodeURIComponent(versionId)}`,
  surveys: (id: string) => call<{ surveys: PackSurveyAttachment[] }>(`${item(id)}/surveys`),
  attachSurvey: (id: string, surveyId: string, by: PackSurveyAttachment['by']) => post<PackSurveyAttachment>(`${item(id)}/surveys`, { surveyId, by }),
  detachSurvey: (id: string, attachmentId: string) => call<void>(`${item(id)}/surveys/${encodeURIComponent(attachmentId)}`, { method: 'DELETE' }),
};
