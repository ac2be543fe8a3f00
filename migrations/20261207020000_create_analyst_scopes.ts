import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead (STYLE.md §3).
// Issue 11 (analysis workspace), story 5: "an admin can limit an analyst to the consultations they
// are assigned to". Owned by the analysis module. A consultation's analysts (its team), and the
// analysts an admin has limited to the consultations whose team they are on.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('consultation_analysts')
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('assigned_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('assigned_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('consultation_analysts_pkey', ['consultation_id', 'user_id'])
    .execute();
  await db.schema.createIndex('consultation_analysts_user_idx').on('consultation_analysts').column('user_id').execute();

  // An analyst with a row here works only on the consultations whose team they are on.
  await db.schema
    .createTable('analyst_limits')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('limited_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('limited_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analyst_limits').execute();
  await db.schema.dropTable('consultation_analysts').execute();
}
