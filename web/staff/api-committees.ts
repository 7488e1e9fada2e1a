/** Typed calls for committees: meetings, agenda items, the feedback an item pulls, curation and "discussed". */
import { call, post, put, query } from './api.ts';
import type { Committee, CurationChoice, Feedback, NewAgendaItem } from './types.ts';

const item = (id: string) => `/api/agenda-items/${encodeURIComponent(id)}`;

export const committeesApi = {
  list: () => call<{ committees: Committee[] }>('/api/committees'),
  addMeeting: (committeeId: number, heldOn: string, title?: string) =>
    post<{ id: string }>(`/api/committees/${committeeId}/meetings`, title ? { heldOn, title } : { heldOn }),
  addAgendaItem: (meetingId: string, body: NewAgendaItem) => post<{ id: string }>(`/api/meetings/${encodeURIComponent(meetingId)}/agenda-items`, body),
  feedback: (id: string, cursor?: string) => call<Feedback>(`${item(id)}/feedback${query({ limit: 25, cursor })}`),
  curate: (id: string, submissionId: string, choice: CurationChoice, note?: string) =>
    put<{ choice: CurationChoice }>(`${item(id)}/curation/${encodeURIComponent(submissionId)}`, note ? { choice, note } : { choice }),
  markDiscussed: (id: string, outcomeNote?: string) => post<{ shared: number }>(`${item(id)}/discussed`, outcomeNote ? { outcomeNote } : {}),
  packUrl: (id: string) => `${item(id)}/pack`,
  csvUrl: (id: string) => `${item(id)}/feedback.csv`,
};
