import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import type { RawRecord } from './import.rules.ts';

/** A file that came with a mail, to be stored like any upload. */
export type MailFile = { filename: string; content: Buffer };

/**
 * One message of a hearing mailbox (an .eml file, or one message of an .mbox) as an import record:
 * the sender, the date, the subject and the plain-text body (the HTML part's text when there is no
 * plain part), and its attachments. The Message-ID is the external reference (so a mailbox imported
 * twice adds nothing twice); a message without one is referred to by the SHA-256 of its bytes.
 */
export async function mailRecord(raw: Buffer, rowNo: number): Promise<{ record: RawRecord; files: MailFile[] }> {
  const m = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const from = m.from?.value[0];
  const text = (m.text ?? (typeof m.html === 'string' ? htmlToText(m.html) : '')).trim();
  const subject = (m.subject ?? '').trim();
  const files = m.attachments
    .filter((a) => a.contentDisposition !== 'inline' || a.filename)
    .map((a, i) => ({ filename: a.filename ?? `attachment-${i + 1}`, content: a.content }));
  const ref = m.messageId?.trim() || `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  return {
    record: {
      rowNo,
      ref,
      name: from?.name?.trim() || from?.address || '',
      email: from?.address ?? '',
      organisation: '',
      actingAs: '',
      consent: '',
      channel: 'email',
      received: m.date ? m.date.toISOString() : '',
      body: subject && text ? `${subject}\n\n${text}` : subject || text,
      answers: {},
      files: files.map((f) => f.filename),
    },
    files,
  };
}

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/p>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
