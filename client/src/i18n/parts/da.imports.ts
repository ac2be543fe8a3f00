import type { enImports } from './en.imports.ts';

type N = { n: number };

/** Danish messages for the bulk import page (issue 12 story 3); merged into `da` (see da.ts). */
export const daImports = {
  'imports.title': 'Importér breve og e-mails',
  'imports.crumb': 'Import',
  'imports.intro':
    'Importér mange høringssvar på én gang: en CSV-fil med de filer, den nævner, en ZIP-fil med CSV-filen og filerne, eller .eml- og .mbox-filer fra høringspostkassen. Du ser først alle rækker og deres fejl; intet gemmes, før du importerer. En række, hvis reference er importeret før, springes over, så den samme fil importeret igen tilføjer intet to gange.',
  'imports.link': 'Importér mange breve eller e-mails',
  'imports.files': 'Filer',
  'imports.filesHint':
    'CSV-kolonner: external_ref, text, name, email, received_at, files (navne adskilt af ;) og q1, q2 … for svar.',
  'imports.filesRequired': 'Vælg de filer, der skal importeres',
  'imports.upload': 'Upload og kontrollér',
  'imports.uploading': 'Uploader…',
  'imports.uploadProgress': 'Upload',
  'imports.summary': (p: { rows: number; errors: number; duplicates: number; toImport: number }) =>
    `${p.rows} rækker: ${p.toImport} skal importeres, ${p.duplicates} er importeret før, ${p.errors} har fejl.`,
  'imports.hasErrors': (p: N) =>
    `${p.n} rækker har fejl. Ret dem i filen, og upload den igen: en import gemmes helt eller slet ikke.`,
  'imports.preview': 'Forhåndsvisning',
  'imports.onlyErrors': 'Kun rækker med fejl',
  'imports.col.row': 'Række',
  'imports.col.ref': 'Reference',
  'imports.col.sender': 'Afsender',
  'imports.col.received': 'Modtaget',
  'imports.col.text': 'Tekst',
  'imports.col.files': 'Filer',
  'imports.col.status': 'Status',
  'imports.row.ok': 'Klar',
  'imports.row.duplicate': 'Importeret før (springes over)',
  'imports.more': 'Vis flere rækker',
  'imports.commit': (p: N) => `Importér ${p.n} høringssvar`,
  'imports.committing': 'Importerer…',
  'imports.progress': (p: { done: number; total: number }) => `${p.done} af ${p.total} importeret`,
  'imports.progressLabel': 'Importens fremdrift',
  'imports.done': (p: N) => `${p.n} høringssvar blev importeret. De ligger i analysens indbakke.`,
  'imports.failed': (p: { reason: string }) => `Importen mislykkedes, og intet blev gemt: ${p.reason}`,
  'imports.nothing': 'Der er intet nyt at importere.',
  'imports.another': 'Importér flere filer',
  'imports.err.missing_ref': 'Ingen reference',
  'imports.err.duplicate_ref': 'Samme reference to gange',
  'imports.err.missing_text': 'Ingen tekst, svar eller fil',
  'imports.err.bad_date': 'Ikke en dato',
  'imports.err.unknown_question': 'Ukendt spørgsmål',
  'imports.err.bad_answer': 'Svaret passer ikke til spørgsmålet',
  'imports.err.bad_value': 'Ugyldig værdi',
  'imports.err.file_not_found': 'Filen findes ikke',
  'imports.err.file_too_large': 'Filen er for stor',
  'imports.err.file_wrong_type': 'Filtypen accepteres ikke',
} satisfies typeof enImports;
