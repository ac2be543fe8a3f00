import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyBaseLogger } from 'fastify';
import { fileTypeFromFile } from 'file-type';
import { AppError } from '../../../shared/errors.ts';

export type StagedUpload = { path: string; size: number; sha256: string };

const tooLarge = (maxBytes: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the limit of ${maxBytes} bytes`, { maxBytes });

/**
 * Streams an upload to a private staging file while counting and hashing it; past `maxBytes` it
 * stops, removes the partial file and throws 413. Nothing reaches the blob store or the table
 * until the whole file is here and its type has been checked.
 */
export async function stageUpload(
  source: Readable & { truncated?: boolean },
  opts: { dir: string; maxBytes: number },
): Promise<StagedUpload> {
  await mkdir(opts.dir, { recursive: true });
  const file = path.join(opts.dir, `${randomUUID()}.upload`);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > opts.maxBytes) return cb(tooLarge(opts.maxBytes));
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    // @fastify/multipart (busboy) stops at its own fileSize limit and marks the stream truncated.
    if (source.truncated) throw tooLarge(opts.maxBytes);
  } catch (err) {
    await rm(file, { force: true });
    if (err && typeof err === 'object' && 'code' in err && err.code === 'FST_REQ_FILE_TOO_LARGE')
      throw tooLarge(opts.maxBytes);
    throw err;
  }
  return { path: file, size, sha256: hash.digest('hex') };
}

/**
 * The content's type from its magic bytes (`file-type`), which also looks inside ZIP containers:
 * DOCX by `[Content_Types].xml`, ODT by its `mimetype` entry; a plain ZIP stays `application/zip`.
 */
export async function detectType(file: string): Promise<{ ext: string; mime: string } | undefined> {
  return fileTypeFromFile(file);
}

/**
 * Removes staging and temp files a crash left behind (older than `maxAgeMs`, so an upload in
 * progress in another process is never touched). Runs when the app starts.
 */
export async function sweepStaging(dir: string, log: FastifyBaseLogger, maxAgeMs = 3_600_000): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  const cutoff = Date.now() - maxAgeMs;
  for (const name of names.filter((n) => /\.(upload|part)$/.test(n))) {
    const file = path.join(dir, name);
    try {
      if ((await stat(file)).mtimeMs < cutoff) await rm(file, { force: true });
    } catch (err) {
      log.warn({ err, file }, 'could not remove a stale upload');
    }
  }
}
