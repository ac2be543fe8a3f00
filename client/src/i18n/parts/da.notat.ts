import type { enNotat } from './en.notat.ts';

type N = { n: number };

/** Danish messages of the høringsnotat's pages (issue 14 story 6); merged into `da`. */
export const daNotat = {
  'notat.versions.title': 'Høringsnotat',
  'notat.versions.intro':
    'Samråd skriver høringsnotatet ud fra de kodede bidrag, temaernes sammenfatninger og beslutningen, i den form Vejledning om lovkvalitet (pkt. 9.1.6) anviser. Hver version er et udkast, indtil en administrator offentliggør den; hvert tal i den linker til den visning i indbakken, der har talt det op.',
  'notat.generate.heading': 'Dan en ny version',
  'notat.generate.note': 'Note (valgfri)',
  'notat.generate.noteHint': 'Hvad versionen er til; kun for medarbejdere',
  'notat.generate.button': 'Dan høringsnotat',
  'notat.generate.started': (p: N) => `Version ${p.n} bliver dannet.`,
  'notat.generate.done': (p: N) => `Version ${p.n} er klar.`,
  'notat.generate.failed': (p: N) => `Version ${p.n} mislykkedes.`,
  'notat.list.heading': 'Versioner',
  'notat.list.caption': 'Høringsnotatets versioner, nyeste først',
  'notat.list.none': 'Ingen version endnu.',
  'notat.col.version': 'Version',
  'notat.col.status': 'Status',
  'notat.col.generated': 'Dannet',
  'notat.col.files': 'Filer',
  'notat.col.actions': 'Handlinger',
  'notat.status.generating': 'Dannes',
  'notat.status.failed': 'Mislykkedes',
  'notat.status.draft': 'Udkast',
  'notat.status.published': 'Offentliggjort',
  'notat.status.superseded': 'Erstattet',
  'notat.progress': (p: N) => `Version ${p.n}: fremdrift`,
  'notat.took': (p: { s: string; mb: string }) => `${p.s} s, højeste hukommelsesforbrug ${p.mb} MB`,
  'notat.version': (p: N) => `Version ${p.n}`,
  'notat.preview': (p: N & { lang: string }) => `Se version ${p.n} (${p.lang})`,
  'notat.file': (p: N & { format: string; lang: string }) => `Version ${p.n}, ${p.format} (${p.lang})`,
  'notat.publish': (p: N) => `Offentliggør version ${p.n}`,
  'notat.published': (p: N) => `Version ${p.n} er offentliggjort på høringens side.`,
  'notat.lang.da': 'dansk',
  'notat.lang.en': 'engelsk',
  'notat.public.title': 'Høringsnotat',
  'notat.public.download': 'Hent',
  'notat.public.print': 'Klar til udskrift (PDF via browserens udskrift)',
  'notat.public.back': 'Tilbage til høringen',
  'notat.public.version': (p: N & { date: string }) => `Version ${p.n}, offentliggjort ${p.date}`,
} satisfies typeof enNotat;
