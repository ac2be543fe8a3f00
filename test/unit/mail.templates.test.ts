import { describe, expect, it } from 'vitest';
import {
  type MailTemplate,
  parseStoredTemplate,
  redactSecrets,
  renderedOf,
  renderMail,
  storedTemplate,
} from '../../server/modules/mail/mail.templates.ts';

const receipt: MailTemplate = {
  kind: 'receipt',
  data: {
    consultationTitle: 'Næste generation af NemID <b>',
    receiptCode: 'AB12-CD34-EF',
    submittedAt: new Date('2026-11-25T10:15:30.123Z'),
    fingerprint: 'f'.repeat(64),
    version: 1,
    closesAt: new Date('2026-12-31T22:59:59.000Z'),
    editUrl: 'https://samraad.example/responses/edit#token=abc_DEF-123',
  },
};

describe('mail templates kept in the outbox', () => {
  it('a stored template renders to exactly what the template renders to, in both languages', () => {
    const stored = JSON.parse(storedTemplate(receipt)) as unknown; // as jsonb gives it back
    for (const locale of ['da', 'en'] as const) {
      expect(renderMail(parseStoredTemplate(stored), locale)).toEqual(renderMail(receipt, locale));
      expect(renderedOf({ subject: null, textBody: null, htmlBody: null, template: stored, locale })).toEqual(
        renderMail(receipt, locale),
      );
    }
    const withdrawal: MailTemplate = {
      kind: 'withdrawal',
      data: { consultationTitle: 'X', receiptCode: 'AB12-CD34-EF', withdrawnAt: new Date('2026-11-26T08:00:00Z') },
    };
    expect(renderMail(parseStoredTemplate(storedTemplate(withdrawal)), 'da')).toEqual(renderMail(withdrawal, 'da'));
  });

  it('a row with its own text is shown as it is', () => {
    expect(renderedOf({ subject: 'S', textBody: 'T', htmlBody: null, template: null, locale: 'da' })).toEqual({
      subject: 'S',
      text: 'T',
      html: null,
    });
  });

  it('refuses a stored template that does not fit, instead of sending a mail with holes', () => {
    expect(() => parseStoredTemplate({ kind: 'receipt', data: { receiptCode: 'X' } })).toThrow();
    expect(() => parseStoredTemplate({ kind: 'unknown', data: {} })).toThrow();
    expect(() => renderedOf({ subject: null, textBody: null, htmlBody: null, template: null, locale: 'en' })).toThrow();
  });

  it('escapes data in the HTML part and removes link secrets once sent', () => {
    const html = renderMail(receipt, 'da').html;
    expect(html).toContain('&lt;b&gt;');
    expect(html).not.toContain('<b>');
    expect(redactSecrets(renderMail(receipt, 'en').text)).toContain('#token=[sent]');
    expect(redactSecrets(renderMail(receipt, 'en').text)).not.toContain('abc_DEF-123');
  });
});
