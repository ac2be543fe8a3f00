/**
 * Builds zip bombs at test time (issue #10 item 6), so no big fixture is committed: a 1 GiB part is
 * 1,024 copies of one raw-DEFLATE segment of 1 MiB of spaces (each ends byte-aligned with a sync
 * flush and refers back only inside itself, so the copies chain into one valid stream of ~1 MB).
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';

export type ZipPart = {
  name: string;
  /** Raw DEFLATE data. */
  deflated: Uint8Array;
  crc: number;
  size: number;
  /** The uncompressed size written in the headers (a liar's archive declares less). */
  declaredSize?: number;
};

export function part(name: string, content: Uint8Array): ZipPart {
  return { name, deflated: deflateRawSync(content), crc: crc32(content), size: content.length };
}

/** A part of `mib` MiB of spaces, built in O(1 MiB) of work; its CRC is not computed (0). */
export function bombPart(name: string, mib: number, declaredSize?: number): ZipPart {
  const segment = deflateRawSync(Buffer.alloc(1024 * 1024, 0x20), { finishFlush: constants.Z_SYNC_FLUSH });
  const end = Buffer.from([0x03, 0x00]); // a final, empty fixed-Huffman block
  const deflated = Buffer.concat([...Array.from({ length: mib }, () => segment), end]);
  return { name, deflated, crc: 0, size: mib * 1024 * 1024, declaredSize };
}

/** A ZIP archive of the given parts (DEFLATE, no data descriptors). */
export function zip(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const size = Math.min(p.declaredSize ?? p.size, 0xffffffff);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // DEFLATE
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(p.crc >>> 0, 16);
    central.writeUInt32LE(p.deflated.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(p.deflated));
    centrals.push(central, name);
    offset += 30 + name.length + p.deflated.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** The parts of a real DOCX or ODT, with `replace` swapped in (or added) by name. */
export function rebuild(original: Uint8Array, replace: readonly ZipPart[]): Buffer {
  const files = unzipSync(original);
  const byName = new Map(replace.map((p) => [p.name, p]));
  const parts = Object.entries(files).map(([name, content]) => byName.get(name) ?? part(name, content));
  for (const p of replace) if (!(p.name in files)) parts.push(p);
  return zip(parts);
}
