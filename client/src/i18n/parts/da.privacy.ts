import type { enPrivacy } from './en.privacy.ts';

type Count = { count: number };

/** Danske tekster til redaktionskøen (issue 12 story 2). */
export const daPrivacy = {
  'privacy.title': 'Personoplysninger',
  'privacy.intro':
    'Samråd gennemser høringssvar, svar, kommentarer og teksten i vedhæftede filer for CPR-numre, e-mailadresser, danske telefonnumre og en anonym indsenders eget navn og e-mail. Afgør hvert fund med en begrundelse: skjul det alle steder, offentligheden kan se det, eller behold det, fordi det ikke er en personoplysning. Medarbejdere beholder altid originalen. Et høringssvar kan ikke godkendes til offentliggørelse, så længe et fund i det ikke er afgjort.',
  'privacy.counts': (p: { pending: string; accepted: string; rejected: string }) =>
    `${p.pending} uafgjorte, ${p.accepted} skjulte, ${p.rejected} beholdte.`,
  'privacy.filter.label': 'Vis',
  'privacy.filter.pending': 'Uafgjorte',
  'privacy.filter.accepted': 'Skjulte',
  'privacy.filter.rejected': 'Beholdte (ikke personoplysninger)',
  'privacy.filter.all': 'Alle',
  'privacy.scan': 'Gennemse nyt input nu',
  'privacy.scanned': (p: Count) => (p.count === 1 ? 'Gennemset. 1 nyt fund.' : `Gennemset. ${p.count} nye fund.`),
  'privacy.none': 'Der er intet at vise her.',
  'privacy.list': 'Fund',
  'privacy.kind.cpr': 'CPR-nummer',
  'privacy.kind.email': 'E-mailadresse',
  'privacy.kind.phone': 'Telefonnummer',
  'privacy.kind.own_name': 'Den anonyme indsenders eget navn',
  'privacy.kind.own_email': 'Den anonyme indsenders egen e-mail',
  'privacy.kind.manual': 'Markeret i hånden',
  'privacy.where.response': 'i et høringssvar',
  'privacy.where.comment': 'i en kommentar',
  'privacy.where.attachment': 'i en vedhæftet fil',
  'privacy.open': 'Åbn input',
  'privacy.status.pending': 'Uafgjort',
  'privacy.status.accepted': 'Skjult',
  'privacy.status.rejected': 'Beholdt',
  'privacy.decidedBy': (p: { name: string; reason: string }) => `Afgjort af ${p.name}: ${p.reason}`,
  'privacy.reason': 'Begrundelse',
  'privacy.reasonHint': 'Gemmes med afgørelsen og i revisionsloggen.',
  'privacy.reasonMissing': 'Skriv en begrundelse for afgørelsen',
  'privacy.accept': 'Skjul',
  'privacy.reject': 'Ikke en personoplysning',
  'privacy.accepted': (p: { what: string }) => `${p.what} skjult.`,
  'privacy.rejected': (p: { what: string }) => `${p.what} beholdt.`,
  'privacy.quote': 'Fundet:',
  'privacy.publishText': 'Offentliggør filens tekst med skjulte oplysninger i stedet for filen',
  'privacy.textPublished':
    'Filens tekst, med det skjulte fjernet, offentliggøres i stedet for filen, når høringssvaret er offentliggjort.',
} satisfies typeof enPrivacy;
