/** English messages of "how your input was used" (issue 14 story 7); merged into `en`. */
export const enUsed = {
  'used.heading': 'How your input was used',
  'used.intro': (p: { n: number; date: string }) =>
    `The agency published its consultation report (version ${p.n}) on ${p.date}. Here you see the themes your input was coded with, where the report quotes it, and the agency’s answers.`,
  'used.report': 'Read the consultation report',
  'used.none': 'Your input was not coded with any theme.',
  'used.noItems': 'You have no comments in this consultation.',
  'used.response': (p: { code: string }) => `Your response (receipt code ${p.code})`,
  'used.comment': (p: { label: string }) => `Your comment – ${p.label}`,
  'used.campaignHeading': (p: { n: number }) => `Your campaign: ${p.n} near-identical responses`,
  'used.campaignIntro':
    'Your response shares its text with other responses. The agency answered that shared text once; this is its answer.',
  'used.additionsHeading': 'What you added',
  'used.answer.accommodated': 'Accommodated',
  'used.answer.partly': 'Partly accommodated',
  'used.answer.not_accommodated': 'Not accommodated',
  'used.answer.none': 'No answer from the agency on this theme',
  'used.notInReport': 'The report has no section on this theme.',
  'used.cited': 'The report’s summary of this theme rests, among other things, on your input.',
  'used.quoted': 'Quoted in the report',
  'used.reason': 'The agency’s reason',
  'used.change': 'The change made',
  'used.pageTitle': 'How your input was used',
  'used.notPublished': 'The agency has not published the consultation report yet. You will get an e-mail when it does.',
  'used.noConsultation': 'Open this page from the link in the e-mail about the consultation report.',
};
