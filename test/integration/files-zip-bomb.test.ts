/**
 * Issue #10 item 6: a DOCX whose styles.xml (a part no check looked at) inflates to 1 GiB, and
 * archives that lie about their sizes, are refused with a clear message before any reader
 * inflates them; the attachment is marked failed with that reason. The bombs are built here.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExtractionError, extractInWorker, extractText } from '../../server/modules/files/extraction/extract.ts';
import { checkZipBounds, ZipBombError } from '../../server/modules/files/extraction/zip-guard.ts';
import { type ExtractDeps, runExtraction } from '../../server/modules/files/extraction/extraction.job.ts';
import { bombPart, part, rebuild } from '../helpers/zip-bomb.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/files');
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ODT = 'application/vnd.oasis.opendocument.text';

describe('zip bombs in DOCX and ODT', () => {
  let docx: Buffer;
  let odt: Buffer;
  beforeAll(async () => {
    docx = await readFile(path.join(FIXTURES, 'hoeringssvar.docx'));
    odt = await readFile(path.join(FIXTURES, 'hoeringssvar.odt'));
  });

  it('refuses a 1 MB DOCX whose styles.xml inflates to 1 GiB, in the worker, with a clear message', async () => {
    const bomb = rebuild(docx, [bombPart('word/styles.xml', 1024)]);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    await expect(extractInWorker(bomb, DOCX)).rejects.toThrow(/Refused: the document's parts unpack to more than/);
    // Nothing near the inflated size was ever held (the worker's buffers are this process's too).
    expect(process.memoryUsage().rss - before).toBeLessThan(400 * 1024 * 1024);
  }, 60_000);

  it('refuses an archive whose headers declare small sizes but whose parts inflate past the cap', async () => {
    const liar = rebuild(docx, [bombPart('word/styles.xml', 16, 4536)]);
    const limits = { maxZipBytes: 8 * 1024 * 1024 };
    await expect(extractText(liar, DOCX, limits)).rejects.toBeInstanceOf(ExtractionError);
    await expect(extractText(liar, DOCX, limits)).rejects.toThrow(/more than 8 MiB/);
    expect(() => checkZipBounds(liar, { maxTotalBytes: 8 * 1024 * 1024, maxEntries: 100 })).toThrow(ZipBombError);
  });

  it('refuses by the declared sizes summed over all parts, and by the number of parts', () => {
    const many = rebuild(docx, [bombPart('word/a.xml', 5), bombPart('word/b.xml', 5)]);
    // Each part is under the cap; together they are not.
    expect(() => checkZipBounds(many, { maxTotalBytes: 8 * 1024 * 1024, maxEntries: 100 })).toThrow(/more than 8 MiB/);
    const parts = Array.from({ length: 30 }, (_, i) => part(`word/p${i}.xml`, Buffer.from('<x/>')));
    expect(() => checkZipBounds(rebuild(docx, parts), { maxTotalBytes: 1e9, maxEntries: 20 })).toThrow(
      /more than 20 parts/,
    );
  });

  it('refuses an ODT bomb in a part other than content.xml', async () => {
    const bomb = rebuild(odt, [bombPart('styles.xml', 16)]);
    await expect(extractText(bomb, ODT, { maxZipBytes: 8 * 1024 * 1024 })).rejects.toThrow(/Refused/);
  });

  it('still reads ordinary documents', async () => {
    expect(() => checkZipBounds(docx, { maxTotalBytes: 1024 * 1024, maxEntries: 100 })).not.toThrow();
    const out = await extractText(docx, DOCX);
    expect(out.status).toBe('done');
    expect((await extractText(odt, ODT)).status).toBe('done');
  });

  describe('the extraction job', () => {
    const marks: unknown[] = [];
    const bombBytes = () => rebuild(docx, [bombPart('word/styles.xml', 1024)]);
    // The job's own collaborators, faked: one attachment row, a blob store and a quiet log.
    const fakeDb = () => {
      const row = { id: 'a1', consultationId: 'c1', mediaType: DOCX, storageKey: 'k', extractionStatus: 'pending' };
      const q: object = new Proxy(
        {},
        {
          get: (_t, prop) => {
            if (prop === 'executeTakeFirst') return async () => row;
            if (prop === 'execute' || prop === 'executeTakeFirstOrThrow') return async () => ({ numUpdatedRows: 1n });
            if (prop === 'set') return (v: unknown) => (marks.push(v), q);
            if (prop === 'then') return undefined;
            return () => q;
          },
        },
      );
      return q as ExtractDeps['db'];
    };
    afterAll(() => void marks.splice(0));

    it('marks the attachment failed with the refusal, and does not crash', async () => {
      const bytes = bombBytes();
      const store = {
        get: async () => Readable.from([bytes]),
      } as Partial<ExtractDeps['store']> as ExtractDeps['store'];
      const log = { warn: () => undefined, error: () => undefined, info: () => undefined } as Partial<
        ExtractDeps['log']
      > as ExtractDeps['log'];
      await runExtraction({ db: fakeDb(), store, log }, { consultationId: randomUUID(), id: randomUUID() });
      expect(marks).toContainEqual(
        expect.objectContaining({
          extractionStatus: 'failed',
          extractionError: expect.stringMatching(/^Refused: the document's parts unpack to more than/),
        }),
      );
    }, 60_000);
  });
});
