import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOrphanUploads } from '../../server/modules/files/upload/upload.sweep.ts';
import { call, createTestApp, signInCast, type Cast, type TestApp } from '../helpers/app.ts';
import { openConsultation, PNG_1x1, setClosesAt, submission, submitOk, upload } from '../helpers/factory.ts';

// The daily sweep of uploads that can no longer become part of a response (files.sweep.ts).

describe('sweeping orphan uploads', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'false' });
    cast = await signInCast(t);
  });
  afterAll(async () => t.close());

  const age = (id: string, hours: number) =>
    sql`update attachments set created_at = now() - make_interval(hours => ${hours}) where id = ${id}`.execute(
      t.handle.db,
    );
  const exists = async (id: string) => {
    const r = await sql<{ storageKey: string }>`select storage_key from attachments where id = ${id}`.execute(
      t.handle.db,
    );
    return r.rows[0] ? t.app.blobStore.exists(r.rows[0].storageKey) : false;
  };
  // Distinct bytes per file (a PNG ignores what follows its end), so each has its own SHA-256.
  const png = (tag: string) => Buffer.concat([PNG_1x1, Buffer.from(tag)]);
  const sweep = () =>
    sweepOrphanUploads({ db: t.handle.db, store: t.app.blobStore, log: t.app.log }, { graceHours: 72 });

  it('deletes only unusable, never-submitted uploads, row and blob, and audits it', async () => {
    const { c, questions } = await openConsultation(t, cast.admin);
    const abandoned = await upload(t, c.id, 'glemt.png', png('glemt'));
    const kept = await upload(t, c.id, 'vedhaeftet.png', png('vedhaeftet'));
    const released = await upload(t, c.id, 'fjernet.png', png('fjernet'));
    const fresh = await upload(t, c.id, 'ny.png', png('ny'));
    // One response with two files; its edit drops one (released, but named by version 1's fingerprint).
    const receipt = await submitOk(t, c.id, submission(questions, { attachmentIds: [kept.id, released.id] }));
    const edit = await call(t, null, {
      method: 'PUT',
      url: `/api/responses/by-token/${receipt.editToken}`,
      payload: submission(questions, { attachmentIds: [kept.id] }),
    });
    expect(edit.statusCode, edit.body).toBe(200);
    for (const a of [abandoned, kept, released]) await age(a.id, 24 * 10);

    // Still open: nothing goes, however old.
    expect((await sweep()).deleted).toBe(0);

    // Closed long enough ago: only the abandoned, old upload goes.
    await setClosesAt(t, c.id, new Date(Date.now() - 100 * 3600_000));
    const storageKey = (
      await sql<{ storageKey: string }>`select storage_key from attachments where id = ${abandoned.id}`.execute(
        t.handle.db,
      )
    ).rows[0]!.storageKey;
    expect(await sweep()).toEqual({ deleted: 1, blobsMissing: 0 });
    expect(await t.app.blobStore.exists(storageKey)).toBe(false);
    expect(await exists(abandoned.id)).toBe(false);
    for (const a of [kept, released, fresh]) expect(await exists(a.id)).toBe(true);

    const events = await sql<{ details: { attachmentIds: string[] } }>`
      select details from audit_events where action = 'attachment.sweep' and consultation_id = ${c.id}`.execute(
      t.handle.db,
    );
    expect(events.rows.map((e) => e.details.attachmentIds)).toEqual([[abandoned.id]]);
    expect((await sweep()).deleted).toBe(0);
  });
});
