import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Issue 14 stories 5 and 6: theme summaries whose sentences cite coded passages, with the agency's
// answer and the change it led to; and the høringsnotat's versions (generated in the background, a
// draft until published). Owned by the reports module (server/modules/reports/).
// theme_summaries, theme_summary_sentences and report_versions are small: Citus reference tables.
// theme_summary_citations grows with the coded input: distributed, colocated with codings.

const now = sql`now()`;
const emptyLocalized = sql`'{"da":"","en":""}'::jsonb`;

export async function up(db: Kysely<any>): Promise<void> {
  // Story 5: one summary per codebook theme (tag).
  await db.schema
    .createTable('theme_summaries')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tag_id', 'uuid', (c) => c.notNull().references('codebook_tags.id').onDelete('cascade'))
    // The agency's answer: accommodated / partly / not accommodated (null until decided), why, and
    // the change it led to; each in Danish and English.
    .addColumn('answer', 'text', (c) => c.check(sql`answer in ('accommodated', 'partly', 'not_accommodated')`))
    .addColumn('answer_reason', 'jsonb', (c) => c.notNull().defaultTo(emptyLocalized))
    .addColumn('change_made', 'jsonb', (c) => c.notNull().defaultTo(emptyLocalized))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft', 'ready')`),
    )
    // Optimistic concurrency, as codebook tags: a save names the version it edited.
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('written_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('theme_summaries_pkey', ['consultation_id', 'id'])
    .addUniqueConstraint('theme_summaries_tag_key', ['tag_id'])
    .execute();

  // The summary's sentences in order, each in Danish and English.
  await db.schema
    .createTable('theme_summary_sentences')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    .addColumn('summary_id', 'uuid', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position >= 0`))
    .addColumn('text', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('theme_summary_sentences_pkey', ['consultation_id', 'summary_id', 'position'])
    .addForeignKeyConstraint(
      'theme_summary_sentences_summary_fkey',
      ['consultation_id', 'summary_id'],
      'theme_summaries',
      ['consultation_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  // Which coded passages a sentence rests on. No foreign key to codings on purpose: a citation whose
  // coding is later deleted stays, and the summary shows it as a removed source rather than silently
  // losing the sentence's evidence (and a check on codings' key would plan on its listing index).
  await db.schema
    .createTable('theme_summary_citations')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    .addColumn('summary_id', 'uuid', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('coding_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('theme_summary_citations_pkey', ['consultation_id', 'summary_id', 'position', 'coding_id'])
    .addForeignKeyConstraint(
      'theme_summary_citations_sentence_fkey',
      ['consultation_id', 'summary_id', 'position'],
      'theme_summary_sentences',
      ['consultation_id', 'summary_id', 'position'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('theme_summary_citations_coding_idx')
    .on('theme_summary_citations')
    .columns(['consultation_id', 'coding_id'])
    .execute();

  // Story 6: the høringsnotat's versions. `model` is the generated report (the JSON format); HTML,
  // DOCX and Markdown are rendered from it. At most one published version per consultation.
  await db.schema
    .createTable('report_versions')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number >= 1`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('generating')
        .check(sql`status in ('generating', 'failed', 'draft', 'published', 'superseded')`),
    )
    .addColumn('progress', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('phase', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('error', 'text')
    .addColumn('model', 'jsonb')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('requested_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('generated_at', 'timestamptz')
    .addColumn('took_ms', 'integer')
    .addColumn('peak_rss', 'bigint')
    .addColumn('published_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('published_at', 'timestamptz')
    .addPrimaryKeyConstraint('report_versions_pkey', ['consultation_id', 'id'])
    .addUniqueConstraint('report_versions_number_key', ['consultation_id', 'number'])
    .addCheckConstraint('report_versions_model_check', sql`status in ('generating', 'failed') or model is not null`)
    .addCheckConstraint(
      'report_versions_published_check',
      sql`(status in ('published', 'superseded')) = (published_at is not null)`,
    )
    .execute();
  await sql`create unique index report_versions_one_published on report_versions (consultation_id) where status = 'published'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_versions').execute();
  await db.schema.dropTable('theme_summary_citations').execute();
  await db.schema.dropTable('theme_summary_sentences').execute();
  await db.schema.dropTable('theme_summaries').execute();
}
