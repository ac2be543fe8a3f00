import type { Localized } from '../db/schema.ts';

export type DemoScenario = { key: string; title: Localized; summary: Localized; description: Localized; status?: { to: 'shortlisted' | 'eliminated' | 'selected'; round: number; note?: string }[] };
export type DemoConsultation = {
  slug: string;
  title: Localized;
  summary: Localized;
  body: Localized;
  itStage: 'idea' | 'analysis' | 'procurement' | 'completion' | 'realisation';
  /** open: closes this many days after the seed runs; closed/concluded: closed this many days before. */
  state: { phase: 'open'; closesInDays: number } | { phase: 'closed' | 'concluded'; closedDaysAgo: number };
  documents: { title: Localized; url: string; mediaType: string | null; sizeBytes: number | null }[];
  scenarios: DemoScenario[];
};

export const DEMO_CONSULTATIONS: DemoConsultation[] = [
  {
    slug: 'naeste-generation-af-nemid',
    title: { da: 'Næste generation af NemID', en: 'The next generation of NemID' },
    summary: { da: 'Hvilken løsning skal afløse NemID?', en: 'Which solution should succeed NemID?' },
    body: { da: '## Baggrund\n\nNemID skal afløses.', en: '## Background\n\nNemID is to be replaced.' },
    itStage: 'analysis',
    state: { phase: 'open', closesInDays: 28 },
    documents: [],
    scenarios: [
      { key: 'S1', title: { da: 'Partnerskab med bankerne', en: 'Partnership with the banks' }, summary: { da: '', en: '' }, description: { da: 'Tekst.', en: 'Text.' } },
      { key: 'S2', title: { da: 'Rent offentligt eID', en: 'A purely public eID' }, summary: { da: '', en: '' }, description: { da: 'Tekst.', en: 'Text.' } },
      { key: 'S3', title: { da: 'Åbent marked', en: 'An open market' }, summary: { da: '', en: '' }, description: { da: 'Tekst.', en: 'Text.' } },
      { key: 'S4', title: { da: 'Nationalt ID-kort med chip', en: 'Chip-based national ID card' }, summary: { da: '', en: '' }, description: { da: 'Tekst.', en: 'Text.' } },
    ],
  },
];
