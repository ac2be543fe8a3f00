import { z } from 'zod';

/**
 * The mails Samråd sends, in Danish and English (DESIGN.md §6 Languages). Pure: data in, text and
 * HTML out; every value is HTML-escaped in the HTML part.
 */
export type Locale = 'da' | 'en';

export type ReceiptData = {
  consultationTitle: string;
  receiptCode: string;
  submittedAt: Date;
  fingerprint: string;
  version: number;
  closesAt: Date | null;
  /** The private edit link; null for a letter registered by staff (it cannot be edited online). */
  editUrl: string | null;
};
export type WithdrawalData = { consultationTitle: string; receiptCode: string; withdrawnAt: Date };

/** Issue 12 story 2: the respondent is told why their response is not published. */
export type RejectionData = { consultationTitle: string; receiptCode: string; reason: string | null };

/**
 * Issue 13: a party on a consultation's høringsliste is invited (and reminded) with its personal
 * links: one answers on the party's behalf, one records "no comments" after a confirmation.
 */
export type PartyInvitationData = {
  consultationTitle: string;
  partyName: string;
  closesAt: Date | null;
  respondUrl: string;
  noCommentsUrl: string;
};

/**
 * Issue 14 story 7: the høringsnotat is published; "how your input was used" can be seen. A
 * respondent (`receiptCode` set) sees it through the private link of their receipt, which Samråd
 * cannot mail again (only the token's SHA-256 is stored): `link` is the consultation's page with the
 * report. A participant (`receiptCode` null) follows `link` to their account's page.
 */
export type ReportUsedData = { consultationTitle: string; receiptCode: string | null; link: string };

export type MailTemplate =
  | { kind: 'receipt'; data: ReceiptData }
  | { kind: 'report_used'; data: ReportUsedData }
  | { kind: 'withdrawal'; data: WithdrawalData }
  | { kind: 'publication_rejected'; data: RejectionData }
  | { kind: 'party_invitation'; data: PartyInvitationData }
  | { kind: 'party_reminder'; data: PartyInvitationData };
export type RenderedMail = { subject: string; text: string; html: string };

/**
 * A template as the outbox keeps it (JSON, times as ISO strings) until it is rendered: read back
 * through this schema, so a row that does not fit is an error, not a mail with holes.
 */
const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const StoredTemplate = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('receipt'),
    data: z.object({
      consultationTitle: z.string(),
      receiptCode: z.string(),
      submittedAt: isoDate,
      fingerprint: z.string(),
      version: z.number().int(),
      closesAt: isoDate.nullable(),
      editUrl: z.string().nullable(),
    }),
  }),
  z.object({
    kind: z.literal('withdrawal'),
    data: z.object({ consultationTitle: z.string(), receiptCode: z.string(), withdrawnAt: isoDate }),
  }),
  z.object({
    kind: z.literal('publication_rejected'),
    data: z.object({ consultationTitle: z.string(), receiptCode: z.string(), reason: z.string().nullable() }),
  }),
  z.object({
    kind: z.literal('report_used'),
    data: z.object({ consultationTitle: z.string(), receiptCode: z.string().nullable(), link: z.string() }),
  }),
  ...(['party_invitation', 'party_reminder'] as const).map((kind) =>
    z.object({
      kind: z.literal(kind),
      data: z.object({
        consultationTitle: z.string(),
        partyName: z.string(),
        closesAt: isoDate.nullable(),
        respondUrl: z.string(),
        noCommentsUrl: z.string(),
      }),
    }),
  ),
]);

/** The template in the form the outbox stores (`JSON.stringify` writes the times as ISO strings). */
export const storedTemplate = (t: MailTemplate): string => JSON.stringify(t);

/** A stored template back as a MailTemplate (jsonb comes back parsed; a string is parsed first). */
export function parseStoredTemplate(stored: unknown): MailTemplate {
  return StoredTemplate.parse(typeof stored === 'string' ? JSON.parse(stored) : stored);
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

// Building an Intl.DateTimeFormat costs far more than using one: make each once (measured in the bench).
const TIME_FORMATS = {
  da: new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Europe/Copenhagen' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Europe/Copenhagen' }),
} as const;

// Times are shown to the second; receipts rendered together (a relay batch, an outbox page) often
// share a second, and every receipt of a consultation its deadline: a small memo saves formatting
// them again.
const formatted = new Map<string, string>();

function formatTime(d: Date, locale: Locale): string {
  const key = `${locale}${Math.floor(d.getTime() / 1000)}`;
  let text = formatted.get(key);
  if (text === undefined) {
    const local = TIME_FORMATS[locale].format(d);
    text = locale === 'da' ? `${local} (dansk tid)` : `${local} (Copenhagen time)`;
    if (formatted.size >= 512) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

type Line = { label?: string; value: string; href?: boolean };

function render(subject: string, lines: readonly (Line | string)[]): RenderedMail {
  const text = lines.map((l) => (typeof l === 'string' ? l : l.label ? `${l.label}: ${l.value}` : l.value)).join('\n');
  const html = lines
    .map((l) => {
      if (typeof l === 'string') return l === '' ? '' : `<p>${escapeHtml(l)}</p>`;
      const v = l.href
        ? `<a href="${escapeHtml(l.value)}">${escapeHtml(l.value)}</a>`
        : `<code>${escapeHtml(l.value)}</code>`;
      return `<p>${l.label ? `${escapeHtml(l.label)}: ` : ''}${v}</p>`;
    })
    .filter((s) => s !== '')
    .join('\n');
  return { subject, text: `${text}\n`, html: `<!doctype html>\n<html><body>\n${html}\n</body></html>\n` };
}

function receipt(d: ReceiptData, locale: Locale): RenderedMail {
  const edited = d.version > 1;
  if (locale === 'da') {
    return render(`${edited ? 'Ny kvittering' : 'Kvittering'} for dit høringssvar: ${d.consultationTitle}`, [
      edited
        ? `Dit rettede høringssvar til "${d.consultationTitle}" er modtaget.`
        : `Tak for dit høringssvar til "${d.consultationTitle}".`,
      '',
      { label: 'Kvitteringskode', value: d.receiptCode },
      { label: edited ? 'Rettet' : 'Modtaget', value: formatTime(d.submittedAt, 'da') },
      ...(edited ? [{ label: 'Version', value: String(d.version) }] : []),
      { label: 'Fingeraftryk (SHA-256 af det indsendte)', value: d.fingerprint },
      '',
      ...(d.editUrl
        ? [
            d.closesAt
              ? `Du kan se, rette eller trække dit svar tilbage indtil høringsfristen ${formatTime(d.closesAt, 'da')}:`
              : 'Du kan se, rette eller trække dit svar tilbage, så længe høringen er åben:',
            { value: d.editUrl, href: true },
            'Linket er personligt. Del det ikke med andre.',
          ]
        : ['Dit svar kom med brev eller e-mail og er registreret af myndigheden.']),
    ]);
  }
  return render(`${edited ? 'New receipt' : 'Receipt'} for your consultation response: ${d.consultationTitle}`, [
    edited
      ? `Your edited response to "${d.consultationTitle}" has been received.`
      : `Thank you for your response to "${d.consultationTitle}".`,
    '',
    { label: 'Receipt code', value: d.receiptCode },
    { label: edited ? 'Edited' : 'Received', value: formatTime(d.submittedAt, 'en') },
    ...(edited ? [{ label: 'Version', value: String(d.version) }] : []),
    { label: 'Fingerprint (SHA-256 of what you submitted)', value: d.fingerprint },
    '',
    ...(d.editUrl
      ? [
          d.closesAt
            ? `You can view, edit or withdraw your response until the deadline, ${formatTime(d.closesAt, 'en')}:`
            : 'You can view, edit or withdraw your response while the consultation is open:',
          { value: d.editUrl, href: true },
          'This link is personal. Do not share it.',
        ]
      : ['Your response arrived by letter or e-mail and has been registered by the agency.']),
  ]);
}

function withdrawal(d: WithdrawalData, locale: Locale): RenderedMail {
  if (locale === 'da') {
    return render(`Dit høringssvar er trukket tilbage: ${d.consultationTitle}`, [
      `Dit høringssvar til "${d.consultationTitle}" er trukket tilbage og indgår ikke i høringen.`,
      '',
      { label: 'Kvitteringskode', value: d.receiptCode },
      { label: 'Trukket tilbage', value: formatTime(d.withdrawnAt, 'da') },
    ]);
  }
  return render(`Your consultation response has been withdrawn: ${d.consultationTitle}`, [
    `Your response to "${d.consultationTitle}" has been withdrawn and is no longer part of the consultation.`,
    '',
    { label: 'Receipt code', value: d.receiptCode },
    { label: 'Withdrawn', value: formatTime(d.withdrawnAt, 'en') },
  ]);
}

function rejection(d: RejectionData, locale: Locale): RenderedMail {
  if (locale === 'da') {
    return render(`Dit høringssvar bliver ikke offentliggjort: ${d.consultationTitle}`, [
      `Dit høringssvar til "${d.consultationTitle}" indgår i høringen, men myndigheden offentliggør det ikke.`,
      '',
      { label: 'Begrundelse', value: d.reason ?? 'Ingen begrundelse angivet' },
      { label: 'Kvitteringskode', value: d.receiptCode },
      '',
      'Du kan se begrundelsen og rette dit svar via linket i din kvittering, så længe høringen er åben.',
    ]);
  }
  return render(`Your consultation response will not be published: ${d.consultationTitle}`, [
    `Your response to "${d.consultationTitle}" is part of the consultation, but the agency will not publish it.`,
    '',
    { label: 'Reason', value: d.reason ?? 'No reason given' },
    { label: 'Receipt code', value: d.receiptCode },
    '',
    'You can see the reason and edit your response through the link in your receipt while the consultation is open.',
  ]);
}

function partyInvitation(d: PartyInvitationData, locale: Locale, reminder: boolean): RenderedMail {
  if (locale === 'da') {
    const deadline = d.closesAt ? formatTime(d.closesAt, 'da') : 'ingen frist';
    return render(`${reminder ? 'Påmindelse: høring' : 'Høring'}: ${d.consultationTitle}`, [
      reminder
        ? `${d.partyName} har endnu ikke svaret i høringen "${d.consultationTitle}".`
        : `${d.partyName} er på høringslisten i høringen "${d.consultationTitle}" og inviteres hermed til at afgive høringssvar.`,
      '',
      { label: 'Høringsfrist', value: deadline },
      '',
      `Afgiv høringssvar på vegne af ${d.partyName}:`,
      { value: d.respondUrl, href: true },
      '',
      'Har I ingen bemærkninger, kan I meddele det her (I bekræfter på siden):',
      { value: d.noCommentsUrl, href: true },
      '',
      'Linkene er personlige for jeres organisation. Del dem ikke uden for organisationen.',
    ]);
  }
  const deadline = d.closesAt ? formatTime(d.closesAt, 'en') : 'no deadline';
  return render(`${reminder ? 'Reminder: consultation' : 'Consultation'}: ${d.consultationTitle}`, [
    reminder
      ? `${d.partyName} has not yet responded to the consultation "${d.consultationTitle}".`
      : `${d.partyName} is on the list of consulted parties for "${d.consultationTitle}" and is invited to respond.`,
    '',
    { label: 'Deadline', value: deadline },
    '',
    `Respond on behalf of ${d.partyName}:`,
    { value: d.respondUrl, href: true },
    '',
    'If you have no comments, you can tell us here (you confirm on the page):',
    { value: d.noCommentsUrl, href: true },
    '',
    'These links are personal to your organisation. Do not share them outside it.',
  ]);
}

function reportUsed(d: ReportUsedData, locale: Locale): RenderedMail {
  if (locale === 'da') {
    return render(`Høringsnotatet er offentliggjort: ${d.consultationTitle}`, [
      `Myndigheden har offentliggjort høringsnotatet for "${d.consultationTitle}".`,
      '',
      ...(d.receiptCode
        ? [
            'Åbn det personlige link i din kvittering for at se, hvordan dit input blev brugt: de temaer, dit svar blev kodet med, hvor det blev citeret, og myndighedens svar.',
            { label: 'Kvitteringskode', value: d.receiptCode },
            '',
            'Høringsnotatet:',
            { value: d.link, href: true },
          ]
        : [
            'Se, hvordan dit input blev brugt: de temaer, dine kommentarer blev kodet med, hvor de blev citeret, og myndighedens svar:',
            { value: d.link, href: true },
          ]),
    ]);
  }
  return render(`The consultation report has been published: ${d.consultationTitle}`, [
    `The agency has published its consultation report (høringsnotat) for "${d.consultationTitle}".`,
    '',
    ...(d.receiptCode
      ? [
          'Open the private link in your receipt to see how your input was used: the themes your response was coded with, where it was quoted, and the agency’s answers.',
          { label: 'Receipt code', value: d.receiptCode },
          '',
          'The report:',
          { value: d.link, href: true },
        ]
      : [
          'See how your input was used: the themes your comments were coded with, where they were quoted, and the agency’s answers:',
          { value: d.link, href: true },
        ]),
  ]);
}

export function renderMail(t: MailTemplate, locale: Locale): RenderedMail {
  switch (t.kind) {
    case 'report_used':
      return reportUsed(t.data, locale);
    case 'party_invitation':
      return partyInvitation(t.data, locale, false);
    case 'party_reminder':
      return partyInvitation(t.data, locale, true);
    case 'publication_rejected':
      return rejection(t.data, locale);
    case 'receipt':
      return receipt(t.data, locale);
    case 'withdrawal':
      return withdrawal(t.data, locale);
  }
}

/** What a row says: its own text, or its template rendered in its language. */
export function renderedOf(row: {
  subject: string | null;
  textBody: string | null;
  htmlBody: string | null;
  template: unknown;
  locale: Locale;
}): { subject: string; text: string; html: string | null } {
  if (row.subject !== null && row.textBody !== null) {
    return { subject: row.subject, text: row.textBody, html: row.htmlBody };
  }
  return renderMail(parseStoredTemplate(row.template), row.locale);
}

/**
 * Once a mail has been handed to the SMTP server, the stored copy loses the secret of its link (a
 * `token=…` in the fragment or the query), so the outbox is not a second place to find it.
 */
export const redactSecrets = (s: string): string => s.replace(/([#?&]token=)[A-Za-z0-9_-]+/g, '$1[sent]');

/**
 * A mail as staff may read it: a link's secret (the edit token of a receipt, a confirmation or reset
 * token) is masked whether the mail was sent or is kept, so the outbox never lets an admin act as a
 * respondent or take over an account (issue 10 item 1). Only the relay, sending, sees the secret.
 */
export const maskSecrets = (s: string): string => s.replace(/([#?&;]token=)[A-Za-z0-9_-]+/g, '$1[hidden]');
