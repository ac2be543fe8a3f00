import type { enThemes } from './en.themes.ts';

type Count = { count: number };
type N = { n: number };

/** Danske tekster til siden med foreslåede temaer (issue 11 story 8). */
export const daThemes = {
  'themes.title': 'Foreslåede temaer',
  'themes.inbox': 'Analyseindbakke',
  'themes.intro':
    'Samråd grupperer input efter de ord, det bruger (ordstammer på dansk og engelsk, uden nogen ekstern tjeneste), og foreslår kandidater til temaer. Giv en kandidat et navn og tag den ind i kodebogen, eller afvis den. Små grupper bevares som enkeltstemmer. Samme input og samme frø giver samme forslag.',

  'themes.form.heading': 'Foreslå temaer',
  'themes.form.seed': 'Frø',
  'themes.form.seedHint': 'Et helt tal. Samme frø på samme input giver samme kandidater.',
  'themes.form.seedError': 'Skriv frøet som et helt tal, for eksempel 1',
  'themes.form.k': 'Antal grupper',
  'themes.form.kHint': 'Fra 2 til 100. Lad feltet stå tomt, så vælger Samråd mellem 5 og 40.',
  'themes.form.kError': 'Skriv et helt tal fra 2 til 100, eller lad feltet stå tomt',
  'themes.form.kinds': 'Input der skal med',
  'themes.form.kind.response': 'Høringssvar',
  'themes.form.kind.comment': 'Kommentarer',
  'themes.form.kindsError': 'Vælg mindst én slags input',
  'themes.form.scenario': 'Scenarie',
  'themes.form.allScenarios': 'Alt input',
  'themes.form.submit': 'Foreslå temaer',

  'themes.run.heading': 'Seneste kørsel',
  'themes.run.none': 'Der er ikke foreslået temaer endnu.',
  'themes.run.queued': 'Kørslen er startet. Dens fremdrift vises nedenfor.',
  'themes.run.started': (p: { at: string; seed: number }) => `Startet ${p.at}, frø ${p.seed}.`,
  'themes.run.progressLabel': (p: { phase: string }) => `Fremdrift: ${p.phase}`,
  'themes.run.done': (p: { items: string; k: number; terms: string }) =>
    `${p.items} input læst og delt i ${p.k} grupper efter ${p.terms} ord.`,
  'themes.run.unclustered': (p: Count) =>
    p.count === 1
      ? '1 input havde ingen ord at gruppere efter.'
      : `${p.count} input havde ingen ord at gruppere efter.`,
  'themes.run.failed': (p: { error: string }) => `Kørslen mislykkedes: ${p.error}`,
  'themes.run.doneAnnounced': (p: Count) =>
    p.count === 1 ? 'Kørslen er færdig: 1 kandidat.' : `Kørslen er færdig: ${p.count} kandidater.`,
  'themes.run.failedAnnounced': 'Kørslen mislykkedes.',
  'themes.run.noCandidates': 'Kørslen fandt ingen kandidater: der var intet input med ord at gruppere efter.',

  'themes.phase.queued': 'venter på at starte',
  'themes.phase.reading': 'læser input',
  'themes.phase.vectorising': 'tæller ord',
  'themes.phase.choosing_k': 'vælger antal grupper',
  'themes.phase.clustering': 'grupperer',
  'themes.phase.describing': 'beskriver grupperne',
  'themes.phase.saving': 'gemmer',
  'themes.phase.done': 'færdig',
  'themes.phase.failed': 'mislykket',

  'themes.card.title': (p: N & { terms: string }) => `Kandidat ${p.n}: ${p.terms}`,
  'themes.card.unmatched': (p: N) => `Kandidat ${p.n}: input der ikke ligner andet`,
  'themes.card.members': (p: Count & { n: string | number }) => (p.count === 1 ? '1 input' : `${p.n} input`),
  'themes.card.singleVoice': 'Enkeltstemme',
  'themes.card.accepted': (p: { tag: string }) => `Taget ind som »${p.tag}«`,
  'themes.card.proposed': (p: Count) => (p.count === 1 ? '(1 kodning foreslået)' : `(${p.count} kodninger foreslået)`),
  'themes.card.dismissed': 'Afvist',
  'themes.card.dismissedAnnounced': 'Kandidaten blev afvist.',
  'themes.card.terms': 'Vigtigste ord',
  'themes.card.quotes': 'Mest typiske input',
  'themes.card.openItem': 'Åbn input',
  'themes.card.accept': 'Tag ind som tag',
  'themes.card.dismiss': 'Afvis',
  'themes.card.unknownTag': 'et tag',

  'themes.accept.heading': (p: N) => `Tag kandidat ${p.n} ind som tag`,
  'themes.accept.nameDa': 'Navn på dansk',
  'themes.accept.nameEn': 'Navn på engelsk',
  'themes.accept.nameMissing': 'Skriv et navn',
  'themes.accept.parent': 'Under tag',
  'themes.accept.noParent': 'Intet: et nyt tema',
  'themes.accept.propose': (p: Count) =>
    p.count === 1
      ? 'Foreslå at kode dets 1 input med det nye tag (en analytiker bekræfter det)'
      : `Foreslå at kode dets ${p.count} input med det nye tag (en analytiker bekræfter hver)`,
  'themes.accept.submit': 'Tag ind',
  'themes.accept.done': (p: Count & { tag: string }) =>
    p.count === 0
      ? `Tagget »${p.tag}« er føjet til kodebogen.`
      : `Tagget »${p.tag}« er føjet til kodebogen med ${p.count === 1 ? '1 foreslået kodning' : `${p.count} foreslåede kodninger`}, som kan bekræftes nedenfor.`,

  'themes.proposed.heading': 'Foreslåede kodninger',
  'themes.proposed.intro':
    'En foreslået kodning tæller ikke som en kodning (i indbakken, kodebogen eller kodersamstemmigheden), før en analytiker bekræfter den.',
  'themes.proposed.none': 'Ingen kodninger venter på at blive bekræftet.',
  'themes.proposed.tag': 'Tag',
  'themes.proposed.confirmAll': (p: Count) =>
    p.count === 1 ? 'Bekræft den ene foreslåede kodning' : `Bekræft alle ${p.count}`,
  'themes.proposed.item': (p: N & { author: string }) => `${p.n}. ${p.author}`,
  'themes.proposed.anonymous': 'Ukendt afsender',
  'themes.proposed.confirm': 'Bekræft',
  'themes.proposed.reject': 'Afvis',
  'themes.proposed.more': 'Vis flere',
  'themes.proposed.confirmed': (p: Count) =>
    p.count === 1 ? '1 kodning bekræftet.' : `${p.count} kodninger bekræftet.`,
  'themes.proposed.rejected': (p: Count) => (p.count === 1 ? '1 kodning afvist.' : `${p.count} kodninger afvist.`),
} satisfies typeof enThemes;
