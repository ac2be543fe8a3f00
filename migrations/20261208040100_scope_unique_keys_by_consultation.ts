import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Issue 15 item 10: every primary and unique key of a high-volume table includes consultation_id, so
// the tables can be distributed by consultation (Citus) or hash-partitioned without a key change.
// Three unique indexes did not:
// - attachments.storage_key: the key is made from the attachment's own UUID; unique per consultation.
// - responses.receipt_code: a receipt is only ever looked up with its consultation; unique per
//   consultation (the name stays, the submission retries on it when a new code collides).
// - responses.edit_token_hash: a 256-bit random token's hash needs no unique index to stay unique; a
//   plain index finds it (so the submission path keeps the same number of indexes).
// The consultation comes second in the two unique keys: a key led by consultation_id would look as good
// as the primary key to the planner for the foreign-key checks on responses (schema-plans.test.ts).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table attachments drop constraint attachments_storage_key_key`.execute(db);
  await sql`alter table attachments add constraint attachments_storage_key_key unique (storage_key, consultation_id)`.execute(
    db,
  );
  await sql`drop index responses_receipt_code_key`.execute(db);
  await sql`create unique index responses_receipt_code_key on responses (receipt_code, consultation_id)`.execute(db);
  await sql`drop index responses_edit_token_hash_key`.execute(db);
  await sql`create index responses_edit_token_hash_idx on responses (edit_token_hash)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index responses_edit_token_hash_idx`.execute(db);
  await sql`create unique index responses_edit_token_hash_key on responses (edit_token_hash)`.execute(db);
  await sql`drop index responses_receipt_code_key`.execute(db);
  await sql`create unique index responses_receipt_code_key on responses (receipt_code)`.execute(db);
  await sql`alter table attachments drop constraint attachments_storage_key_key`.execute(db);
  await sql`alter table attachments add constraint attachments_storage_key_key unique (storage_key)`.execute(db);
}
