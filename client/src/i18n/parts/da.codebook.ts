import type { enCodebook } from './en.codebook.ts';

type Name = { name: string };
type Count = { count: number };

const kodninger = (n: number) => (n === 1 ? '1 kodning' : `${n} kodninger`);

/** Danish messages for the analysis codebook page; `satisfies`: a missing or extra key or a wrong parameter fails tsc. */
export const daCodebook = {
  'codebook.title': 'Kodebog',
  'codebook.intro':
    'Koder i op til fem niveauer: tema, undertema, kode og to niveauer mere. Når en kode flyttes, lægges sammen med en anden eller arkiveres, forsvinder ingen kodninger.',
  'codebook.treeLabel': 'Kodebogens koder',
  'codebook.empty': 'Kodebogen har endnu ingen koder. Begynd med at tilføje et tema.',
  'codebook.showArchived': 'Vis arkiverede koder',
  'codebook.addTheme': 'Tilføj tema',
  'codebook.addChild': 'Tilføj underkode',
  'codebook.addChildTo': (p: Name) => `Tilføj en underkode under »${p.name}«`,
  'codebook.level': (p: { depth: number }) =>
    p.depth === 1 ? 'Tema' : p.depth === 2 ? 'Undertema' : p.depth === 3 ? 'Kode' : `Niveau ${p.depth}`,
  'codebook.codings': (p: Count) => kodninger(p.count),
  'codebook.proposed': (p: Count) => (p.count === 1 ? '1 foreslået' : `${p.count} foreslåede`),
  'codebook.scenario': (p: { scenario: string }) => `Scenarie: ${p.scenario}`,
  'codebook.archived': 'Arkiveret',
  'codebook.mergedInto': (p: Name) => `Lagt sammen med »${p.name}«`,
  'codebook.mergedIntoGone': 'Lagt sammen med en anden kode',
  'codebook.details': 'Definition og noter',
  'codebook.noDetails': 'Ingen definition endnu.',

  'codebook.form.addTheme': 'Tilføj et tema',
  'codebook.form.addUnder': (p: Name) => `Tilføj en underkode under »${p.name}«`,
  'codebook.form.edit': (p: Name) => `Rediger »${p.name}«`,
  'codebook.form.name': 'Navn',
  'codebook.form.definition': 'Definition',
  'codebook.form.definitionHint': 'Hvad koden betyder, i en sætning eller to.',
  'codebook.form.includeNote': 'Medtag',
  'codebook.form.includeHint': 'Hvad der hører under denne kode.',
  'codebook.form.excludeNote': 'Udelad',
  'codebook.form.excludeHint': 'Hvad der ikke hører til her, og hvor det skal hen i stedet.',
  'codebook.form.example': 'Eksempel',
  'codebook.form.exampleHint': 'Et typisk citat fra input.',
  'codebook.form.scenario': 'Scenarie',
  'codebook.form.noScenario': 'Intet scenarie',
  'codebook.form.saveNew': 'Tilføj kode',
  'codebook.form.save': 'Gem kode',
  'codebook.form.nothingChanged': 'Der er ikke ændret noget.',

  'codebook.created': (p: Name) => `Koden »${p.name}« er tilføjet.`,
  'codebook.saved': (p: Name) => `Koden »${p.name}« er gemt.`,
  'codebook.movedUnder': (p: { name: string; parent: string }) => `»${p.name}« er flyttet ind under »${p.parent}«.`,
  'codebook.movedTop': (p: Name) => `»${p.name}« er nu et tema.`,
  'codebook.movedPlace': (p: { name: string; position: number; count: number }) =>
    `»${p.name}« er flyttet til plads ${p.position} af ${p.count}.`,
  'codebook.archivedDone': (p: Name) => `»${p.name}« og dens underkoder er arkiveret. Kodningerne bevares.`,
  'codebook.unarchivedDone': (p: Name) => `»${p.name}« og dens underkoder er gendannet.`,
  'codebook.mergedDone': (p: { name: string; into: string; count: number }) =>
    `»${p.name}« er lagt sammen med »${p.into}«: ${kodninger(p.count)} flyttet, ingen mistet.`,
  'codebook.stale':
    'En anden har ændret koden, mens du arbejdede. Kodebogen er genindlæst med deres ændring; foretag din ændring igen.',

  'codebook.edit': 'Rediger',
  'codebook.move': 'Flyt',
  'codebook.moveUp': (p: Name) => `Flyt »${p.name}« op`,
  'codebook.moveDown': (p: Name) => `Flyt »${p.name}« ned`,
  'codebook.archive': 'Arkivér',
  'codebook.unarchive': 'Gendan',
  'codebook.merge': 'Læg sammen',

  'codebook.moveHeading': (p: Name) => `Flyt »${p.name}«`,
  'codebook.moveParent': 'Nyt sted',
  'codebook.moveParentHint':
    'Koden flyttes med sine underkoder og kodninger. Den placeres sidst under sin nye overkode.',
  'codebook.moveTop': 'Øverste niveau (som tema)',
  'codebook.moveChoose': 'Vælg et sted',
  'codebook.moveNowhere': 'Koden kan ikke flyttes andre steder hen uden at komme over fem niveauer.',
  'codebook.moveSubmit': 'Flyt kode',

  'codebook.mergeHeading': (p: Name) => `Læg »${p.name}« sammen med en anden kode`,
  'codebook.mergeInto': 'Læg sammen med',
  'codebook.mergeChoose': 'Vælg en kode',
  'codebook.mergeExplain': (p: { name: string; count: number }) =>
    `${p.count === 0 ? `»${p.name}« har endnu ingen kodninger.` : `${p.count === 1 ? 'Den ene kodning' : `Alle ${p.count} kodninger`} med »${p.name}« flyttes til den kode, du vælger.`} Eventuelle underkoder flyttes med. Ingen kodninger går tabt, og historikken bevares. Derefter arkiveres »${p.name}«, og det fremgår, hvilken kode den er lagt sammen med.`,
  'codebook.mergeNowhere': 'Der er ingen anden kode at lægge den sammen med.',
  'codebook.mergeSubmit': 'Læg koderne sammen',

  'codebook.reason.too_deep': 'En kodebog har højst fem niveauer.',
  'codebook.reason.cycle': 'En kode kan ikke placeres under sig selv eller en af sine egne underkoder.',
  'codebook.reason.same_tag': 'En kode kan ikke lægges sammen med sig selv.',
  'codebook.reason.archived': 'Koden, dens overkode eller den valgte kode er arkiveret. Gendan den først.',
  'codebook.reason.other_consultation': 'Det hører til en anden høring.',
  'codebook.reason.merged': 'Koden er lagt sammen med en anden: kodningerne er flyttet, så den forbliver arkiveret.',
  'codebook.reason.same_consultation': 'En kodebog kan ikke kopieres ind i sin egen høring.',
  'codebook.reason.invalid_tree': 'Koderne i filen danner ikke et gyldigt træ.',

  'codebook.exchangeHeading': 'Kopiér, eksportér og importér',
  'codebook.copyHeading': 'Kopiér fra en anden høring',
  'codebook.copyFrom': 'Høring',
  'codebook.copyHint': 'Dens aktive koder tilføjes efter denne kodebogs, med deres hierarki. Kodninger kopieres ikke.',
  'codebook.copyChoose': 'Vælg en høring',
  'codebook.copySubmit': 'Kopiér kodebog',
  'codebook.copyNone': 'Der er ingen anden høring at kopiere fra.',
  'codebook.copied': (p: Count) =>
    p.count === 1 ? '1 kode er kopieret ind i kodebogen.' : `${p.count} koder er kopieret ind i kodebogen.`,
  'codebook.exportHeading': 'Eksport',
  'codebook.exportLink': 'Hent kodebogen som JSON',
  'codebook.exportHint': 'De aktive koder, til import i en anden høring.',
  'codebook.exportQdcLink': 'Hent som REFI-QDA (.qdc) til NVivo, ATLAS.ti, MAXQDA eller QualCoder',
  'codebook.exportQdcHint': 'De aktive koder med deres definitioner, navne på dansk.',
  'codebook.importHeading': 'Import',
  'codebook.importFile': 'Kodebogsfil (JSON)',
  'codebook.importHint': 'En fil eksporteret fra Samråd. Dens koder tilføjes efter denne kodebogs: alle eller ingen.',
  'codebook.importSubmit': 'Importér kodebog',
  'codebook.importNoFile': 'Vælg en fil, der skal importeres.',
  'codebook.importNotJson': 'Filen er ikke gyldig JSON.',
  'codebook.importRejected': 'Filen blev ikke importeret. Der er ikke ændret noget.',
  'codebook.importRow': (p: { n: number; ref: string }) => (p.ref ? `Kode ${p.n} (»${p.ref}«)` : `Kode ${p.n}`),
  'codebook.importField': (p: { field: string }) => `${p.field} mangler eller er ugyldig`,
  'codebook.importRefField': 'Reference (ref)',
  'codebook.importParentRefField': 'Overkodens reference (parentRef)',
  'codebook.importScenarioField': 'Scenariets nøgle (scenarioKey)',
  'codebook.importFile.general': 'Filen er ikke en kodebog fra Samråd (format »samraad.codebook«, version 1).',
  'codebook.imported': (p: Count) =>
    p.count === 1 ? '1 kode er importeret i kodebogen.' : `${p.count} koder er importeret i kodebogen.`,
  'codebook.unmatchedScenarios': (p: { keys: string }) =>
    `Disse scenarier findes ikke i denne høring, så deres koder har intet scenarie: ${p.keys}.`,
} satisfies typeof enCodebook;
