import { Unzip, UnzipInflate, unzipSync } from 'fflate';

/**
 * Zip-bomb guard for DOCX and ODT (issue #10 item 6). A DOCX reader inflates every part it opens
 * (mammoth reads styles.xml, numbering.xml, footnotes …), so checking only the part we want is not
 * enough: a 1 MB file whose styles.xml inflates to 1 GiB took the server from 600 MB to 2.6 GB.
 * Before any reader sees the archive:
 *  1. the sizes the central directory declares are summed over ALL parts (cheap, nothing inflated);
 *  2. every part is stream-inflated in small input chunks with a running total, stopping as soon as
 *     the total passes the cap, since declared sizes can lie. Each input chunk of 16 KiB inflates to
 *     at most ~17 MiB (DEFLATE's ratio is bounded near 1032:1), so memory stays bounded too.
 * Inflated buffers are external memory, not counted by the worker's heap limit: this is the bound.
 */

export type ZipLimits = {
  /** The most all parts of the archive may inflate to, together. */
  readonly maxTotalBytes: number;
  /** The most parts an archive may have. */
  readonly maxEntries: number;
};

export class ZipBombError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipBombError';
  }
}

const CHUNK = 16 * 1024;
const mib = (n: number) => `${Math.round(n / (1024 * 1024))} MiB`;

const refuse = (limits: ZipLimits) =>
  new ZipBombError(
    `Refused: the document's parts unpack to more than ${mib(limits.maxTotalBytes)} together (a zip bomb?)`,
  );

/** Throws ZipBombError when the archive (declared or actual) inflates past the limits. */
export function checkZipBounds(data: Uint8Array, limits: ZipLimits): void {
  // 1. Declared sizes, from the central directory; the filter inflates nothing.
  let declared = 0;
  let entries = 0;
  unzipSync(data, {
    filter: (f) => {
      entries++;
      declared += f.originalSize;
      return false;
    },
  });
  if (entries > limits.maxEntries)
    throw new ZipBombError(`Refused: the document has more than ${limits.maxEntries} parts`);
  if (declared > limits.maxTotalBytes) throw refuse(limits);

  // 2. Actual sizes: inflate every part as a stream, counting, and stop at the cap.
  let total = 0;
  let over = false;
  let failure: Error | null = null;
  const files: { terminate: () => void }[] = [];
  const unzip = new Unzip((file) => {
    files.push(file);
    file.ondata = (err, chunk) => {
      if (err) {
        failure = err;
        return;
      }
      total += chunk.length;
      if (total > limits.maxTotalBytes && !over) {
        over = true;
        for (const f of files) f.terminate();
      }
    };
    try {
      file.start();
    } catch (err) {
      // A compression method nobody can read (not stored or DEFLATE): the reader will refuse it.
      failure = err instanceof Error ? err : new Error(String(err));
    }
  });
  unzip.register(UnzipInflate);
  for (let at = 0; at < data.length && !over; at += CHUNK) {
    unzip.push(data.subarray(at, Math.min(at + CHUNK, data.length)), at + CHUNK >= data.length);
  }
  if (over) throw refuse(limits);
  if (failure) throw new ZipBombError(`The document cannot be unpacked: ${(failure as Error).message}`);
}
