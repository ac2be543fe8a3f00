import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Runs unchanged on PostgreSQL 15 and on PGlite (PostgreSQL 18 in WASM).
//
// A mail of one of the mail module's own templates (the receipt, the withdrawal notice) may be
// queued as its template and data instead of its rendered text: the relay renders it when it sends
// it and then keeps the text it sent (without secrets), and the outbox renders a kept one when an
// admin reads it. A submission then writes a small row instead of ~2.5 KB of text and HTML.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table mail_outbox add column template jsonb`.execute(db);
  await sql`alter table mail_outbox alter column subject drop not null`.execute(db);
  await sql`alter table mail_outbox alter column text_body drop not null`.execute(db);
  await sql`
    alter table mail_outbox add constraint mail_outbox_content_check
      check (template is not null or (subject is not null and text_body is not null))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // Rows still waiting as a template cannot be rendered in SQL: they are kept as a note to admins.
  await sql`
    update mail_outbox
       set subject = coalesce(subject, 'Samråd'),
           text_body = coalesce(text_body, 'Queued as a template by a newer version; not rendered.')
     where template is not null`.execute(db);
  await sql`alter table mail_outbox drop constraint mail_outbox_content_check`.execute(db);
  await sql`alter table mail_outbox alter column text_body set not null`.execute(db);
  await sql`alter table mail_outbox alter column subject set not null`.execute(db);
  await sql`alter table mail_outbox drop column template`.execute(db);
}
