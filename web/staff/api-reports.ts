/** Typed calls for annual "voice of the child" reports: definitions, curation, issuing and the issued versions' downloads. */
import { call, post, put } from './api.ts';

export type Tag = { id: number; slug: string; title: string };
export type ReportVersion = {
  id: string;
  version: number;
  issuedAt: string;
  supersededAt: string | null;
  supersededReason: string | null;
  links: { page: string; pdf: string; docx: string } | null;
};
export type Report = {
  id: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  publicSummary: boolean;
  priorities: Tag[];
  committees: Tag[];
  versions?: ReportVersion[];
};
export type ReportDefinition = { title: string; periodStart: string; periodEnd: string; priorities: string[]; committees: string[]; publicSummary: boolean };
export type Candidate = { id: string; kind: 'quote' | 'drawing'; ageBand: string; quote: string | null; month: string; group: string | null; public: boolean };
export type Entries = {
  picked: ((Candidate & { position: number; eligible: true }) | { id: string; position: number; eligible: false })[];
  excluded: string[];
  candidates: Candidate[];
};
export type IssuedReport = ReportVersion & { entries: number; unchanged: boolean };

const report = (id: string) => `/api/reports/${encodeURIComponent(id)}`;

export const reportsApi = {
  list: () => call<{ reports: Report[] }>('/api/reports'),
  get: (id: string) => call<Report>(report(id)),
  create: (body: ReportDefinition) => post<Report>('/api/reports', body),
  update: (id: string, body: ReportDefinition) => put<Report>(report(id), body),
  entries: (id: string) => call<Entries>(`${report(id)}/entries`),
  curate: (id: string, submissionId: string, choice: 'pick' | 'exclude' | 'none', position = 0) =>
    put<{ choice: string }>(`${report(id)}/curation/${encodeURIComponent(submissionId)}`, { choice, position }),
  previewUrl: (id: string) => `${report(id)}/preview`,
  /** 201 with a new version; 200 with the current one when nothing changed; 409 while a pick may no longer be used. */
  issue: (id: string) => post<IssuedReport>(`${report(id)}/versions`, {}),
};
