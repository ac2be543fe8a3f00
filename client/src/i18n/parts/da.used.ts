import type { enUsed } from './en.used.ts';

/** Danish messages of "how your input was used" (issue 14 story 7); merged into `da`. */
export const daUsed = {
  'used.heading': 'Sådan blev dit input brugt',
  'used.intro': (p: { n: number; date: string }) =>
    `Myndigheden offentliggjorde høringsnotatet (version ${p.n}) ${p.date}. Her ser du de temaer, dit input blev kodet med, hvor notatet citerer det, og myndighedens svar.`,
  'used.report': 'Læs høringsnotatet',
  'used.none': 'Dit input blev ikke kodet med noget tema.',
  'used.noItems': 'Du har ingen kommentarer i denne høring.',
  'used.response': (p: { code: string }) => `Dit høringssvar (kvitteringskode ${p.code})`,
  'used.comment': (p: { label: string }) => `Din kommentar – ${p.label}`,
  'used.campaignHeading': (p: { n: number }) => `Din kampagne: ${p.n} næsten enslydende svar`,
  'used.campaignIntro':
    'Dit svar deler sin tekst med andre svar. Myndigheden har besvaret den fælles tekst én gang; her er svaret.',
  'used.additionsHeading': 'Det, du selv tilføjede',
  'used.answer.accommodated': 'Imødekommet',
  'used.answer.partly': 'Delvist imødekommet',
  'used.answer.not_accommodated': 'Ikke imødekommet',
  'used.answer.none': 'Myndigheden har ikke svaret på dette tema',
  'used.notInReport': 'Høringsnotatet har intet afsnit om dette tema.',
  'used.cited': 'Notatets sammenfatning af temaet bygger blandt andet på dit input.',
  'used.quoted': 'Citeret i høringsnotatet',
  'used.reason': 'Myndighedens begrundelse',
  'used.change': 'Ændringen',
  'used.pageTitle': 'Sådan blev dit input brugt',
  'used.notPublished': 'Myndigheden har endnu ikke offentliggjort høringsnotatet. Du får en e-mail, når det sker.',
  'used.noConsultation': 'Åbn siden fra linket i e-mailen om høringsnotatet.',
} satisfies typeof enUsed;
