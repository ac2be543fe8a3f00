import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Issue 12 story 1: campaigns (form letters). A campaign groups identical and near-identical
// inbox items of a consultation under a template; its members keep what each added. Analysts'
// decisions (split, merge, "not a campaign") are rows here that later detection runs respect.
// Originals are never touched: these tables only point at items. Owned by the analysis module.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active', 'not_a_campaign', 'merged')`),
    )
    .addColumn('template_kind', 'text', (c) => c.notNull().check(sql`template_kind in ('response', 'comment')`))
    .addColumn('template_item_id', 'uuid', (c) => c.notNull())
    .addColumn('template_text', 'text', (c) => c.notNull())
    .addColumn('member_count', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`member_count >= 0`),
    )
    .addColumn('merged_into', 'uuid')
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('campaigns_consultation_id_key', ['consultation_id', 'id'])
    .execute();
  await db.schema
    .createIndex('campaigns_listing_idx')
    .on('campaigns')
    .columns(['consultation_id', 'status', 'member_count'])
    .execute();

  // A member: the item, its similarity to the template and the sentences it added or changed
  // ([{start, end, kind}] in its text). 'split': an analyst took it out; detection never puts it back.
  await db.schema
    .createTable('campaign_members')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull())
    .addColumn('campaign_id', 'uuid', (c) => c.notNull())
    .addColumn('item_kind', 'text', (c) => c.notNull().check(sql`item_kind in ('response', 'comment')`))
    .addColumn('item_id', 'uuid', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('member')
        .check(sql`status in ('member', 'split')`),
    )
    .addColumn('similarity', 'real', (c) => c.notNull().check(sql`similarity between 0 and 1`))
    .addColumn('added_spans', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('added_by', 'text', (c) => c.notNull().check(sql`added_by in ('exact', 'detection', 'analyst')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('campaign_members_pkey', ['consultation_id', 'campaign_id', 'item_kind', 'item_id'])
    .addForeignKeyConstraint(
      'campaign_members_campaign_fkey',
      ['consultation_id', 'campaign_id'],
      'campaigns',
      ['consultation_id', 'id'],
      (cb) => cb.onDelete('cascade'),
    )
    .execute();
  // An item is a member of at most one campaign.
  await sql`create unique index campaign_members_item_idx on campaign_members (consultation_id, item_kind, item_id)
    where status = 'member'`.execute(db);

  // Per item: the exact hash of its normalised text and its 16 LSH band keys (null: too short to
  // group, or not yet computed), so an incremental run compares only new items' signatures.
  await db.schema
    .createTable('campaign_signatures')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('item_kind', 'text', (c) => c.notNull().check(sql`item_kind in ('response', 'comment')`))
    .addColumn('item_id', 'uuid', (c) => c.notNull())
    .addColumn('item_version', 'integer', (c) => c.notNull())
    .addColumn('exact_hash', 'text', (c) => c.notNull())
    .addColumn('groupable', 'boolean', (c) => c.notNull())
    .addColumn('bands', sql`integer[]`)
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('campaign_signatures_pkey', ['consultation_id', 'item_kind', 'item_id'])
    .execute();
  await db.schema
    .createIndex('campaign_signatures_exact_idx')
    .on('campaign_signatures')
    .columns(['consultation_id', 'exact_hash'])
    .execute();
  await sql`create index campaign_signatures_bands_idx on campaign_signatures using gin (bands)`.execute(db);
  await sql`create index campaign_signatures_pending_idx on campaign_signatures (consultation_id)
    where bands is null and groupable`.execute(db);

  // A detection run (a background job with progress): 'full' over the whole consultation, or
  // 'incremental' over items without band keys. `boilerplate`: the portal lines left out.
  await db.schema
    .createTable('campaign_runs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('full', 'incremental')`))
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
    .addColumn('item_count', 'integer')
    .addColumn('joined_count', 'integer')
    .addColumn('boilerplate', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('error', 'text', (c) => c.check(sql`char_length(error) <= 1000`))
    .addColumn('requested_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('campaign_runs_listing_idx')
    .on('campaign_runs')
    .columns(['consultation_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('campaign_runs').execute();
  await db.schema.dropTable('campaign_signatures').execute();
  await db.schema.dropTable('campaign_members').execute();
  await db.schema.dropTable('campaigns').execute();
}
