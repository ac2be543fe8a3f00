import type { enIdentity } from './en.identity.ts';

type Loa = { level: string };

/** Danske tekster til MitID og medarbejder-login (issue 15); flettes ind i `da` (se da.ts). */
export const daIdentity = {
  'identity.or': 'Eller log ind med e-mailadresse og adgangskode:',
  'identity.signInWith': (p: { label: string }) => `Log ind med ${p.label}`,
  'identity.staff': (p: { label: string }) => `Medarbejdere: ${p.label}`,
  'identity.error.state':
    'Login kunne ikke gennemføres (det blev startet i et andet vindue eller tog for lang tid). Prøv igen.',
  'identity.error.failed': 'Login-tjenesten bekræftede ikke, hvem du er. Prøv igen.',
  'identity.error.claims':
    'Login-tjenesten sendte ikke det, Samråd har brug for. Prøv igen, eller brug din adgangskode.',
  'identity.error.not_allowed':
    'Denne konto kan ikke logge ind her. Kontakt myndigheden, hvis du mener, den skal kunne.',
  'identity.error.loa_too_low': (p: Loa) =>
    `Denne høring kræver MitID på sikringsniveau ${p.level} eller højere. Bekræft igen med et stærkere MitID.`,
  'identity.loa.low': 'lavt',
  'identity.loa.substantial': 'betydeligt',
  'identity.loa.high': 'højt',

  'identity.link.title': 'Afslut dit første MitID-login',
  'identity.link.intro':
    'MitID har bekræftet, hvem du er. Skriv din e-mailadresse: vi sender et link til den. Når du har åbnet linket, logger du ind med MitID igen og kommer direkte ind. Har du allerede en konto med den adresse, bliver MitID knyttet til den.',
  'identity.link.name': 'Dit navn',
  'identity.link.email': 'E-mailadresse',
  'identity.link.submit': 'Send linket',
  'identity.link.sent':
    'Hvis adressen kan bruges, har vi sendt en e-mail til den. Åbn linket i den, og log derefter ind med MitID igen.',
  'identity.link.expired': 'MitID-login er udløbet. Log ind med MitID igen.',
  'identity.link.signInAgain': 'Log ind',

  'identity.verify.heading': 'Bekræft med MitID',
  'identity.verify.intro':
    'Du kan bekræfte med MitID, at høringssvaret er dit. Medarbejderne ser så, at det er bekræftet, og offentligheden ser det også, hvis du har valgt at blive offentliggjort med navn. Dit CPR-nummer bliver hverken brugt eller gemt.',
  'identity.verify.required': (p: Loa) => `Denne høring godtager MitID-bekræftelse på niveau ${p.level} eller højere.`,
  'identity.verify.button': (p: { label: string }) => `Bekræft med ${p.label}`,
  'identity.verify.done': (p: Loa) => `Bekræftet med MitID (${p.level})`,
  'identity.verify.org': (p: { org: string; cvr: string }) => `På vegne af ${p.org} (CVR ${p.cvr})`,
  'identity.verify.justDone': 'Dit høringssvar er nu bekræftet med MitID.',
} satisfies typeof enIdentity;
