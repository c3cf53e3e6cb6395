import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/**
 * A minimal reader for the zips osls writes (stored or deflated entries, no ZIP64, no encryption), so the
 * bundle bench and the template test can look inside a package without an unzip dependency.
 */

/** One file of a zip. */
export interface ZipEntry {
  readonly name: string;
  readonly compressedSize: number;
  readonly size: number;
  /** The uncompressed bytes. */
  read(): Buffer;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/**
 * Lists the entries of a zip file (directories left out).
 *
 * @example
 * for (const entry of readZip('.serverless/ingest.zip')) console.log(entry.name, entry.size);
 */
export function readZip(path: string): ZipEntry[] {
  const zip = readFileSync(path);
  const end = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== CENTRAL_FILE_HEADER) throw new Error(`${path}: bad central directory`);
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    entries.push({
      name,
      compressedSize,
      size,
      read: () => entryData(zip, localOffset, method, compressedSize, path),
    });
  }
  return entries;
}

function findEndOfCentralDirectory(zip: Buffer): number {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) return i;
  }
  throw new Error('not a zip file (no end of central directory)');
}

function entryData(zip: Buffer, localOffset: number, method: number, size: number, path: string): Buffer {
  if (zip.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER) throw new Error(`${path}: bad local header`);
  const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
  const data = zip.subarray(start, start + size);
  if (method === 0) return Buffer.from(data);
  if (method === 8) return inflateRawSync(data);
  throw new Error(`${path}: compression method ${method} is not supported`);
}

/**
 * Unpacks a zip into `dir` (emptied first) and returns the total uncompressed size in bytes.
 *
 * @example
 * extractZip('.serverless/slack.zip', '/tmp/slack'); // then require('/tmp/slack/src/bot/slack-handler.js')
 */
export function extractZip(path: string, dir: string): number {
  rmSync(dir, { recursive: true, force: true });
  let size = 0;
  for (const entry of readZip(path)) {
    const target = join(dir, entry.name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, entry.read());
    size += entry.size;
  }
  return size;
}
