import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Issue 11 (analysis workspace), stories 3 and 4: a hierarchical codebook per consultation and the
// codings of input against it. Owned by the analysis module.

export async function up(db: Kysely<any>): Promise<void> {
  // A tag of a consultation's codebook: theme → sub-theme → code, up to five levels (the service
  // refuses deeper trees). Tags are never deleted: they are archived, or merged into another tag
  // (merged_into_id), so every coding and every audit event keeps pointing at a row.
  await db.schema
    .createTable('codebook_tags')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('parent_id', 'uuid')
    .addColumn('name', 'jsonb', (c) =>
      c
        .notNull()
        .check(
          sql`jsonb_typeof(name) = 'object' and jsonb_typeof(name -> 'da') = 'string' and jsonb_typeof(name -> 'en') = 'string'`,
        ),
    )
    .addColumn('definition', 'text', (c) =>
      c
        .notNull()
        .defaultTo('')
        .check(sql`char_length(definition) <= 5000`),
    )
    .addColumn('include_note', 'text', (c) =>
      c
        .notNull()
        .defaultTo('')
        .check(sql`char_length(include_note) <= 5000`),
    )
    .addColumn('exclude_note', 'text', (c) =>
      c
        .notNull()
        .defaultTo('')
        .check(sql`char_length(exclude_note) <= 5000`),
    )
    .addColumn('example', 'text', (c) =>
      c
        .notNull()
        .defaultTo('')
        .check(sql`char_length(example) <= 5000`),
    )
    .addColumn('scenario_id', 'uuid', (c) => c.references('scenarios.id').onDelete('set null'))
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position >= 0`))
    .addColumn('archived_at', 'timestamptz')
    .addColumn('merged_into_id', 'uuid')
    .addColumn('version', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`version >= 1`),
    )
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // The key codings and the tree refer to, so a parent, a merge target and a coding's tag are
    // always of the same consultation (the database guards what the service also checks).
    .addUniqueConstraint('codebook_tags_consultation_id_key', ['consultation_id', 'id'])
    .addForeignKeyConstraint('codebook_tags_parent_fkey', ['consultation_id', 'parent_id'], 'codebook_tags', [
      'consultation_id',
      'id',
    ])
    .addForeignKeyConstraint('codebook_tags_merged_into_fkey', ['consultation_id', 'merged_into_id'], 'codebook_tags', [
      'consultation_id',
      'id',
    ])
    .addCheckConstraint('codebook_tags_not_own_parent', sql`parent_id is null or parent_id <> id`)
    .addCheckConstraint('codebook_tags_merged_is_archived', sql`merged_into_id is null or archived_at is not null`)
    .execute();
  // Not led by consultation_id: on an empty table the foreign-key checks on (consultation_id, id)
  // would plan on it and read a whole consultation's tags (test/integration/schema-plans.test.ts).
  await db.schema
    .createIndex('codebook_tags_parent_idx')
    .on('codebook_tags')
    .columns(['parent_id', 'position'])
    .execute();
  await db.schema.createIndex('codebook_tags_scenario_idx').on('codebook_tags').column('scenario_id').execute();

  // A coding: a tag on an item (a response, a comment; findings and stakeholder inputs when their
  // issues land), on the whole item, on one of its texts (`field`), or on a span of that text
  // (character offsets, with the coded words copied to `quote`). Stance is kept apart from the
  // topic tag. High-volume, so keyed by consultation like the other input tables (README: scaling out).
  await db.schema
    .createTable('codings')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tag_id', 'uuid', (c) => c.notNull())
    .addColumn('item_kind', 'text', (c) =>
      c.notNull().check(sql`item_kind in ('response', 'comment', 'finding', 'stakeholder_input')`),
    )
    .addColumn('item_id', 'uuid', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.check(sql`char_length(field) between 1 and 100`))
    .addColumn('item_version', 'integer', (c) => c.check(sql`item_version >= 1`))
    .addColumn('start_offset', 'integer')
    .addColumn('end_offset', 'integer')
    .addColumn('quote', 'text', (c) => c.check(sql`char_length(quote) <= 200000`))
    .addColumn('stance', 'text', (c) => c.check(sql`stance in ('for', 'against', 'neutral', 'mixed')`))
    .addColumn('note', 'text', (c) =>
      c
        .notNull()
        .defaultTo('')
        .check(sql`char_length(note) <= 5000`),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('confirmed')
        .check(sql`status in ('confirmed', 'proposed')`),
    )
    .addColumn('coder_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('codings_pkey', ['consultation_id', 'id'])
    .addForeignKeyConstraint('codings_tag_fkey', ['consultation_id', 'tag_id'], 'codebook_tags', [
      'consultation_id',
      'id',
    ])
    // Both offsets or neither; a span lies in a field and is at least one character long.
    .addCheckConstraint(
      'codings_span_check',
      sql`(start_offset is null and end_offset is null and quote is null)
          or (field is not null and start_offset >= 0 and start_offset < end_offset and quote is not null)`,
    )
    .execute();
  await db.schema.createIndex('codings_id_idx').on('codings').column('id').execute();
  await db.schema
    .createIndex('codings_item_idx')
    .on('codings')
    .columns(['consultation_id', 'item_kind', 'item_id'])
    .execute();
  await db.schema.createIndex('codings_tag_idx').on('codings').column('tag_id').execute();
  await db.schema
    .createIndex('codings_listing_idx')
    .on('codings')
    .columns(['consultation_id', 'created_at', 'id'])
    .execute();
  await db.schema.createIndex('codings_coder_idx').on('codings').columns(['coder_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('codings').execute();
  await db.schema.dropTable('codebook_tags').execute();
}
