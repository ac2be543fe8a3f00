import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { Config } from '../../config.ts';

/**
 * Where attachment bytes live (DESIGN.md §3 Files): one small interface, a local directory by
 * default and S3-compatible object storage when configured. Keys are made by the server only.
 */
export interface BlobStore {
  readonly kind: 'local' | 's3';
  /** Stores the bytes under the key; never leaves a partial object under the key. */
  put(key: string, body: Readable | Buffer): Promise<{ size: number; sha256: string }>;
  /** A stream of the bytes; rejects with BlobNotFoundError when there is none. */
  get(key: string): Promise<Readable>;
  /** Idempotent: deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export class BlobNotFoundError extends Error {
  constructor(key: string) {
    super(`No blob under ${key}`);
    this.name = 'BlobNotFoundError';
  }
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]*(\/[A-Za-z0-9][A-Za-z0-9_-]*)*$/;

/** Defence in depth: a key can never climb out of the store (no `..`, no absolute path). */
export function assertKey(key: string): void {
  if (key.length > 200 || !KEY.test(key)) throw new Error(`Invalid storage key: ${JSON.stringify(key)}`);
}

/** Counts and hashes bytes as they pass. */
function meter() {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  return { stream, result: () => ({ size, sha256: hash.digest('hex') }) };
}

const toStream = (body: Readable | Buffer): Readable => (Buffer.isBuffer(body) ? Readable.from([body]) : body);

/** Writes to `<dir>/<uuid>.part` and fsyncs it, returning the temp path; the caller renames or removes it. */
async function writeTemp(dir: string, body: Readable | Buffer) {
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `${randomUUID()}.part`);
  const m = meter();
  try {
    await pipeline(toStream(body), m.stream, createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
    // fsync applies to the file, whichever descriptor asks: the bytes are on disk before the rename.
    const fh = await open(tmp, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return { tmp, ...m.result() };
}

/** Local directory: write to a temp file, fsync, then rename, so a crash never leaves half a file under its key. */
export function createLocalBlobStore(root: string): BlobStore {
  const base = path.resolve(root);
  const tmpDir = path.join(base, '.tmp');
  const full = (key: string) => {
    assertKey(key);
    return path.join(base, ...key.split('/'));
  };
  return {
    kind: 'local',
    async put(key, body) {
      const target = full(key);
      const { tmp, size, sha256 } = await writeTemp(tmpDir, body);
      try {
        await mkdir(path.dirname(target), { recursive: true });
        await rename(tmp, target);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
      return { size, sha256 };
    },
    async get(key) {
      const target = full(key);
      try {
        const fh = await open(target, 'r');
        return fh.createReadStream();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(key);
        throw err;
      }
    },
    async delete(key) {
      await rm(full(key), { force: true });
    },
    async exists(key) {
      try {
        return (await stat(full(key))).isFile();
      } catch {
        return false;
      }
    },
  };
}

const isNotFound = (err: unknown): boolean => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
};

/**
 * S3-compatible object storage. A stream of unknown length is spooled to a local temp file first, so
 * the PUT carries a Content-Length and its SHA-256 is known; S3 itself never shows a partial object.
 */
export function createS3BlobStore(s3: NonNullable<Config['s3']>, client?: S3Client): BlobStore {
  const c =
    client ??
    new S3Client({
      region: s3.region,
      forcePathStyle: s3.forcePathStyle,
      ...(s3.endpoint ? { endpoint: s3.endpoint } : {}),
      ...(s3.accessKeyId && s3.secretAccessKey
        ? { credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } }
        : {}),
      // Plain PUTs with Content-Length work with every S3-compatible store (MinIO, Ceph, Garage …).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  const spoolDir = path.join(tmpdir(), 'samraad-s3-spool');
  return {
    kind: 's3',
    async put(key, body) {
      assertKey(key);
      const { tmp, size, sha256 } = await writeTemp(spoolDir, body);
      try {
        await c.send(
          new PutObjectCommand({
            Bucket: s3.bucket,
            Key: key,
            Body: createReadStream(tmp),
            ContentLength: size,
            ContentType: 'application/octet-stream',
          }),
        );
      } finally {
        await rm(tmp, { force: true });
      }
      return { size, sha256 };
    },
    async get(key) {
      assertKey(key);
      try {
        const res = await c.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
        return res.Body as Readable;
      } catch (err) {
        if (isNotFound(err)) throw new BlobNotFoundError(key);
        throw err;
      }
    },
    async delete(key) {
      assertKey(key);
      await c.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: key }));
    },
    async exists(key) {
      assertKey(key);
      try {
        await c.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }));
        return true;
      } catch (err) {
        if (isNotFound(err)) return false;
        throw err;
      }
    },
  };
}

/** The app builds one store from the config: S3 when S3_BUCKET is set, else the local directory. */
export function createBlobStore(config: Pick<Config, 'filesDir' | 's3'>): BlobStore {
  return config.s3 ? createS3BlobStore(config.s3) : createLocalBlobStore(config.filesDir);
}

/** Reads a whole blob (the extraction job's input; uploads are capped by UPLOAD_MAX_BYTES). */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
