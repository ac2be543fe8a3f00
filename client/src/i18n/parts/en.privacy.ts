type Count = { count: number };

/** English messages for the redaction queue (issue 12 story 2); merged into `en` (see en.ts). */
export const enPrivacy = {
  'privacy.title': 'Personal data',
  'privacy.intro':
    'Samråd scans responses, answers, comments and the text of attached files for CPR numbers, e-mail addresses, Danish phone numbers and an anonymous respondent’s own name and e-mail. Decide each finding with a reason: redact it wherever the public can see it, or keep it because it is not personal data. Staff always keep the original. A response cannot be approved for publication while a finding on it is undecided.',
  'privacy.counts': (p: { pending: string; accepted: string; rejected: string }) =>
    `${p.pending} undecided, ${p.accepted} redacted, ${p.rejected} kept.`,
  'privacy.filter.label': 'Show',
  'privacy.filter.pending': 'Undecided',
  'privacy.filter.accepted': 'Redacted',
  'privacy.filter.rejected': 'Kept (not personal data)',
  'privacy.filter.all': 'All',
  'privacy.scan': 'Scan new input now',
  'privacy.scanned': (p: Count) => (p.count === 1 ? 'Scanned. 1 new finding.' : `Scanned. ${p.count} new findings.`),
  'privacy.none': 'Nothing to show here.',
  'privacy.list': 'Findings',
  'privacy.kind.cpr': 'CPR number',
  'privacy.kind.email': 'E-mail address',
  'privacy.kind.phone': 'Phone number',
  'privacy.kind.own_name': 'The anonymous respondent’s own name',
  'privacy.kind.own_email': 'The anonymous respondent’s own e-mail',
  'privacy.kind.manual': 'Marked by hand',
  'privacy.where.response': 'in a response',
  'privacy.where.comment': 'in a comment',
  'privacy.where.attachment': 'in an attached file',
  'privacy.open': 'Open the item',
  'privacy.status.pending': 'Undecided',
  'privacy.status.accepted': 'Redacted',
  'privacy.status.rejected': 'Kept',
  'privacy.decidedBy': (p: { name: string; reason: string }) => `Decided by ${p.name}: ${p.reason}`,
  'privacy.reason': 'Reason',
  'privacy.reasonHint': 'Saved with the decision and in the audit log.',
  'privacy.reasonMissing': 'Give a reason for the decision',
  'privacy.accept': 'Redact',
  'privacy.reject': 'Not personal data',
  'privacy.accepted': (p: { what: string }) => `${p.what} redacted.`,
  'privacy.rejected': (p: { what: string }) => `${p.what} kept.`,
  'privacy.quote': 'Found:',
  'privacy.publishText': 'Publish the file’s redacted text in its place',
  'privacy.textPublished':
    'The file’s text, with its redactions, is published in place of the file once the response is published.',
};
