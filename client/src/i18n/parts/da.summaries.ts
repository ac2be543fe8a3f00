import type { enSummaries } from './en.summaries.ts';

type N = { n: number };

/** Danish messages of theme summaries and the agency's answers (issue 14 story 5); merged into `da`. */
export const daSummaries = {
  'summaries.title': 'Temaopsummeringer',
  'summaries.intro':
    'For hvert tema i kodebogen: en opsummering, hvis sætninger henviser til de kodede passager, de bygger på, myndighedens svar og den ændring, det førte til. Dækningen viser, hvor meget af temaets kodede input opsummeringen henviser til; enkeltstemmer er passager, som ingen opsummering henviser til endnu.',
  'summaries.none': 'Kodebogen har endnu ingen temaer. Tilføj temaer, og kod input først.',
  'summaries.caption': 'Temaer med opsummering og dækning',
  'summaries.col.theme': 'Tema',
  'summaries.col.status': 'Opsummering',
  'summaries.col.answer': 'Svar',
  'summaries.col.coded': 'Kodet',
  'summaries.col.coverage': 'Henvist til i opsummeringen',
  'summaries.col.singleVoices': 'Enkeltstemmer',
  'summaries.status.none': 'Ikke skrevet',
  'summaries.status.draft': 'Kladde',
  'summaries.status.ready': 'Klar',
  'summaries.answer.none': 'Ikke besluttet',
  'summaries.answer.accommodated': 'Imødekommet',
  'summaries.answer.partly': 'Delvist imødekommet',
  'summaries.answer.not_accommodated': 'Ikke imødekommet',
  'summaries.coded': (p: { passages: number; items: number }) =>
    `${p.passages} ${p.passages === 1 ? 'passage' : 'passager'} i ${p.items} indlæg`,
  'summaries.coverage': (p: { cited: number; total: number; percent: number }) =>
    `${p.cited} af ${p.total} passager (${p.percent} %)`,
  'summaries.coverageItems': (p: { cited: number; total: number; percent: number }) =>
    `${p.cited} af ${p.total} indlæg (${p.percent} %)`,
  'summaries.coverageNone': 'Intet kodet endnu',
  'summaries.edit': (p: { name: string }) => `Skriv opsummeringen af ${p.name}`,
  'summaries.subTheme': 'undertema',

  'summary.title': (p: { name: string }) => `Opsummering: ${p.name}`,
  'summary.path': 'Under',
  'summary.coverageHeading': 'Dækning',
  'summary.coverageText': (p: { passages: string; items: string; voices: number }) =>
    `Opsummeringen henviser til ${p.passages} og ${p.items}. Enkeltstemmer, som ingen opsummering henviser til: ${p.voices}.`,
  'summary.lastSaved': (p: { by: string; at: string; version: number }) =>
    `Version ${p.version}, gemt af ${p.by} ${p.at}.`,
  'summary.sentences': 'Sætninger',
  'summary.sentencesHint':
    'Hver sætning siger, hvad svarene om dette tema sagde, på dansk og engelsk, og henviser til de kodede passager, den bygger på.',
  'summary.noSentences': 'Ingen sætninger endnu.',
  'summary.sentence': (p: N) => `Sætning ${p.n}`,
  'summary.textDa': 'Tekst på dansk',
  'summary.textEn': 'Tekst på engelsk',
  'summary.citations': (p: N) => `Passager, sætning ${p.n} henviser til`,
  'summary.noCitations': 'Ingen henvisning endnu.',
  'summary.cite': (p: N) => `Henvis til passager i sætning ${p.n}`,
  'summary.citeDone': (p: N) => `Færdig med henvisninger i sætning ${p.n}`,
  'summary.removeCitation': (p: { n: number; m: number }) => `Fjern passage ${p.m} fra sætning ${p.n}`,
  'summary.removeSentence': (p: N) => `Fjern sætning ${p.n}`,
  'summary.addSentence': 'Tilføj en sætning',
  'summary.sourceRemoved': 'Kilden er fjernet: kodningen er slettet.',
  'summary.outsideTheme': 'Passagen er nu kodet uden for dette tema.',
  'summary.wholeItem': 'Hele indlægget er kodet.',
  'summary.openItem': 'Åbn indlægget',
  'summary.kind.response': 'Høringssvar',
  'summary.kind.comment': 'Kommentar',
  'summary.kind.finding': 'Fund fra brugertest',
  'summary.kind.stakeholder_input': 'Input fra interessent',
  'summary.source': (p: { kind: string; label: string; date: string }) =>
    [p.kind, p.label, p.date].filter(Boolean).join(' · '),
  'summary.picker': (p: N) => `Passager i dette tema, som sætning ${p.n} kan henvise til`,
  'summary.pickerSearch': 'Søg i passagerne',
  'summary.pickerSearchHint': 'Ord i citatet eller afsenderen.',
  'summary.pickerNone': 'Ingen kodet passage passer.',
  'summary.citedElsewhere': 'henvist til i en opsummering',
  'summary.answer': 'Myndighedens svar',
  'summary.answerHint': 'Om bemærkningerne om dette tema er imødekommet.',
  'summary.reasonDa': 'Begrundelse på dansk',
  'summary.reasonEn': 'Begrundelse på engelsk',
  'summary.changeDa': 'Den ændring, det førte til, på dansk',
  'summary.changeEn': 'Den ændring, det førte til, på engelsk',
  'summary.ready': 'Klar til høringsnotatet',
  'summary.readyHint': 'Kræver mindst én sætning, alle sætninger og begrundelsen på begge sprog og et svar.',
  'summary.save': 'Gem opsummeringen',
  'summary.saved': (p: { version: number }) => `Opsummeringen er gemt (version ${p.version}).`,
  'summary.stale': 'En anden har gemt opsummeringen, efter du åbnede den. Genindlæs siden, og lav din ændring igen.',
  'summary.badCitation':
    'En sætning henviser til en passage, der ikke er kodet med dette tema. Fjern den, og gem igen.',
  'summary.incomplete': 'En klar opsummering kræver sætninger, et svar og begrundelsen på begge sprog.',
  'summary.singleVoices': 'Enkeltstemmer',
  'summary.singleVoicesHint': 'Kodede passager under dette tema, som ingen opsummering henviser til endnu.',
  'summary.singleVoicesNone': 'Alle kodede passager i dette tema er der henvist til.',
} satisfies typeof enSummaries;
