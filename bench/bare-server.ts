/**
 * The bare baseline: Fastify + pg with Fastify's own JSON-schema validation, one validated INSERT
 * and one indexed SELECT. Samråd's routes are measured as ratios against these in the same run.
 */
import Fastify from 'fastify';
import pg from 'pg';

const url = process.env.DATABASE_URL!;
const port = Number(process.env.PORT ?? 0);
const pool = new pg.Pool({ connectionString: url, max: 10 });
await pool.query(`create table if not exists bare_items (
  id uuid primary key default gen_random_uuid(), consultation_id uuid not null, body text not null,
  answers jsonb not null, created_at timestamptz not null default now())`);
await pool.query(`create index if not exists bare_items_consultation_idx on bare_items (consultation_id, created_at)`);
// The read twin returns a row as large as the page it is compared with (BARE_ROW_BYTES), so the
// ratio measures Samråd's overhead, not the size of a consultation.
const rowBytes = Number(process.env.BARE_ROW_BYTES ?? 1000);
const seed = await pool.query<{ id: string }>(
  `insert into bare_items (consultation_id, body, answers) values (gen_random_uuid(), $1, '[]') returning id`,
  ['x'.repeat(rowBytes)],
);
const seedId = seed.rows[0]!.id;

const app = Fastify({ logger: false });
app.post(
  '/bare/items',
  {
    schema: {
      body: {
        type: 'object',
        required: ['consultationId', 'body', 'answers'],
        properties: {
          consultationId: { type: 'string', format: 'uuid' },
          body: { type: 'string', maxLength: 20000 },
          answers: { type: 'array', maxItems: 50, items: { type: 'object' } },
        },
      },
    },
  },
  async (req, reply) => {
    const b = req.body as { consultationId: string; body: string; answers: unknown[] };
    const r = await pool.query<{ id: string }>(
      'insert into bare_items (consultation_id, body, answers) values ($1, $2, $3) returning id',
      [b.consultationId, b.body, JSON.stringify(b.answers)],
    );
    return reply.status(201).send({ id: r.rows[0]!.id });
  },
);
app.get('/bare/items/:id', async (req) => {
  const r = await pool.query('select id, consultation_id, body, answers, created_at from bare_items where id = $1', [
    (req.params as { id: string }).id,
  ]);
  return r.rows[0];
});
app.get('/bare/seed', async () => ({ id: seedId }));
await app.listen({ port, host: '127.0.0.1' });
process.stdout.write(`READY ${(app.server.address() as { port: number }).port}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => pool.end().then(() => process.exit(0)));
});
