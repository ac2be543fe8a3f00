import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { insertOutboxFrom } from '../mail/mail.fragments.ts';
import { mailQueued, templateOutboxValues } from '../mail/mail.service.ts';
import type { PartyInvitationData } from '../mail/mail.templates.ts';
import { newEditToken } from '../responses/responses.crypto.ts';
import * as repo from './parties.repository.ts';

/**
 * Invitation and reminder mails (issue 13): each mail carries personal links with a token of its
 * own, of which only the SHA-256 is stored. The outbox keeps the mail as a template until the relay
 * sends it, then without the secret; staff never see it (mail.templates.ts maskSecrets).
 */
export type MailStatus = 'pending' | 'outboxed';

export const respondUrl = (base: string, slug: string, token: string) =>
  `${base}/consultations/${encodeURIComponent(slug)}/respond#token=${token}`;
export const noCommentsUrl = (base: string, token: string) => `${base}/invitations/no-comments#token=${token}`;

export type PartyMail = {
  consultationId: string;
  slug: string;
  title: { da: string; en: string };
  closesAt: Date | null;
  partyId: string;
  partyName: string;
  emails: readonly string[];
  locale: 'da' | 'en';
};

/**
 * Queues one mail per contact address of each party, with a fresh token each, in the caller's
 * transaction: three statements whatever the number of parties (the tokens, the outbox rows).
 */
export async function queuePartyMails(
  trx: Db,
  kind: 'invitation' | 'reminder',
  mails: readonly PartyMail[],
  o: { publicUrl: string; status: MailStatus },
): Promise<number> {
  const tokens: Parameters<typeof repo.insertTokens>[1][number][] = [];
  const outbox: ReturnType<typeof templateOutboxValues>[] = [];
  for (const m of mails) {
    for (const to of m.emails) {
      const { token, hash } = newEditToken();
      tokens.push({ consultationId: m.consultationId, partyId: m.partyId, tokenHash: hash, mail: kind });
      const data: PartyInvitationData = {
        consultationTitle: m.title[m.locale] || m.title.da,
        partyName: m.partyName,
        closesAt: m.closesAt,
        respondUrl: respondUrl(o.publicUrl, m.slug, token),
        noCommentsUrl: noCommentsUrl(o.publicUrl, token),
      };
      outbox.push(
        templateOutboxValues(
          {
            to,
            locale: m.locale,
            consultationId: m.consultationId,
            responseId: null,
            template: { kind: kind === 'invitation' ? 'party_invitation' : 'party_reminder', data },
          },
          o.status,
        ),
      );
    }
  }
  if (outbox.length === 0) return 0;
  await repo.insertTokens(trx, tokens);
  await sql`${insertOutboxFrom('v.value', sql`from jsonb_array_elements(${JSON.stringify(outbox)}::jsonb) v`)}`.execute(
    trx,
  );
  return outbox.length;
}

/** Tells this process's relay to look (call after the commit). */
export const kickRelay = (status: MailStatus) => {
  if (status === 'pending') mailQueued();
};
