import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Issue 11 (analysis workspace), story 8: suggested themes. A run of the theme pipeline over a
// consultation's inbox (a background job with progress) and the candidate themes it found, each
// accepted into the codebook or dismissed by an analyst. Owned by the analysis module.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('theme_runs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('queued')
        .check(sql`status in ('queued', 'running', 'done', 'failed')`),
    )
    .addColumn('phase', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('progress', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`progress between 0 and 100`),
    )
    .addColumn('seed', 'integer', (c) => c.notNull())
    // The k asked for; null: chosen by silhouette (then `chosen_k`).
    .addColumn('k', 'integer', (c) => c.check(sql`k between 2 and 100`))
    // What the run reads: {"kinds": [...], "scenarioId": "…"} (each optional).
    .addColumn('filters', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('item_count', 'integer')
    .addColumn('unclustered_count', 'integer')
    .addColumn('chosen_k', 'integer')
    .addColumn('vocabulary', 'integer')
    .addColumn('error', 'text', (c) => c.check(sql`char_length(error) <= 1000`))
    .addColumn('requested_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('theme_runs_consultation_id_key', ['consultation_id', 'id'])
    .execute();
  await db.schema
    .createIndex('theme_runs_listing_idx')
    .on('theme_runs')
    .columns(['consultation_id', 'created_at'])
    .execute();

  // A candidate theme: its top terms, quotes of its most central items, and every member
  // ([kind, item id, similarity] in order of closeness), so accepting it can propose codings.
  await db.schema
    .createTable('theme_candidates')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    .addColumn('run_id', 'uuid', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position >= 0`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('theme', 'small', 'unmatched')`))
    .addColumn('member_count', 'integer', (c) => c.notNull().check(sql`member_count >= 0`))
    .addColumn('terms', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('quotes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('members', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'accepted', 'dismissed')`),
    )
    .addColumn('tag_id', 'uuid')
    .addColumn('proposed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint(
      'theme_candidates_run_fkey',
      ['consultation_id', 'run_id'],
      'theme_runs',
      ['consultation_id', 'id'],
      (cb) => cb.onDelete('cascade'),
    )
    .addForeignKeyConstraint('theme_candidates_tag_fkey', ['consultation_id', 'tag_id'], 'codebook_tags', [
      'consultation_id',
      'id',
    ])
    .addCheckConstraint('theme_candidates_tag_accepted', sql`tag_id is null or status = 'accepted'`)
    .execute();
  await db.schema
    .createIndex('theme_candidates_run_idx')
    .on('theme_candidates')
    .columns(['run_id', 'position'])
    .execute();
  await db.schema.createIndex('theme_candidates_tag_idx').on('theme_candidates').column('tag_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('theme_candidates').execute();
  await db.schema.dropTable('theme_runs').execute();
}
