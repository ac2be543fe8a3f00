import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Issue 11 (analysis workspace), story 7: coder agreement. An admin draws a reproducible random
// sample of a consultation's input for two or more coders, who code it blind; the results compare
// their codings. Owned by the analysis module.

export async function up(db: Kysely<any>): Promise<void> {
  // A sample: its seed and filters (the inbox's, as given) make the draw reproducible. `number`
  // names it within its consultation ("Sample 3"). Open: its coders code blind; closed: not any more.
  await db.schema
    .createTable('agreement_samples')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number >= 1`))
    .addColumn('seed', 'text', (c) => c.notNull().check(sql`char_length(seed) between 1 and 100`))
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size between 1 and 5000`))
    .addColumn('filters', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'closed')`),
    )
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('closed_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('closed_at', 'timestamptz')
    .addUniqueConstraint('agreement_samples_number_key', ['consultation_id', 'number'])
    .addCheckConstraint('agreement_samples_closed_check', sql`(status = 'closed') = (closed_at is not null)`)
    .execute();

  // The sample's items in draw order (position 0 first).
  await db.schema
    .createTable('agreement_sample_items')
    .addColumn('sample_id', 'uuid', (c) => c.notNull().references('agreement_samples.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position >= 0`))
    .addColumn('item_kind', 'text', (c) => c.notNull().check(sql`item_kind in ('response', 'comment')`))
    .addColumn('item_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('agreement_sample_items_pkey', ['sample_id', 'item_id'])
    .addUniqueConstraint('agreement_sample_items_position_key', ['sample_id', 'position'])
    .execute();
  // Blind coding asks "is this item in an open sample?" for every item page and coding listing.
  await db.schema
    .createIndex('agreement_sample_items_item_idx')
    .on('agreement_sample_items')
    .column('item_id')
    .execute();

  // The sample's coders, with the name they had when the sample was drawn (for the results page).
  await db.schema
    .createTable('agreement_sample_coders')
    .addColumn('sample_id', 'uuid', (c) => c.notNull().references('agreement_samples.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('display_name', 'text', (c) => c.notNull().check(sql`char_length(display_name) <= 200`))
    .addPrimaryKeyConstraint('agreement_sample_coders_pkey', ['sample_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('agreement_sample_coders_user_idx')
    .on('agreement_sample_coders')
    .column('user_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('agreement_sample_coders').execute();
  await db.schema.dropTable('agreement_sample_items').execute();
  await db.schema.dropTable('agreement_samples').execute();
}
