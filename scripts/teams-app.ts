import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync, deflateSync } from 'node:zlib';

/**
 * The Teams app package: teams/manifest.json and its two icons, zipped for upload to Teams (Apps > Manage
 * your apps > Upload an app, or the Teams admin center).
 *
 *   npx tsx scripts/teams-app.ts package --app-id <Entra app id> [--out build/eks-audit-teams.zip]
 *   npx tsx scripts/teams-app.ts icons       # regenerates the placeholder icons in teams/
 */

const TEAMS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'teams');
/** The placeholder the manifest carries where the bot's Entra app id goes (the Teams Toolkit's syntax). */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a literal placeholder, not a template.
export const APP_ID_PLACEHOLDER = '${{TEAMS_APP_ID}}';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The manifest with the app id in place (the app id and the bot id are the same Entra app).
 *
 * @example
 * JSON.parse(manifestFor(readFileSync('teams/manifest.json', 'utf8'), appId)).bots[0].botId === appId;
 */
export function manifestFor(template: string, appId: string): string {
  if (!GUID.test(appId))
    throw new Error(`--app-id must be the bot's Entra app (client) id, a GUID; got "${appId}"`);
  return template.replaceAll(APP_ID_PLACEHOLDER, appId.toLowerCase());
}

/** A zip of stored-as-deflated entries (what Teams accepts), built without a zip dependency. */
export function zip(files: readonly { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const packed = deflateRawSync(file.data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt32LE(crc32(file.data), 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(file.data.length, 22);
    header.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    header.copy(central, 8, 6, 26); // flags, method, time, date, crc, sizes
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(header, name, packed);
    centrals.push(central, name);
    offset += header.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** An RGBA image as a PNG (8-bit, no interlace). */
export function png(
  width: number,
  height: number,
  pixel: (x: number, y: number) => readonly number[],
): Buffer {
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) Buffer.from(pixel(x, y)).copy(rows, y * (width * 4 + 1) + 1 + x * 4);
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Placeholder icons as Teams wants them: a 192x192 colour icon (a white shield on the accent colour) and a
 * 32x32 outline icon (white on transparent).
 */
export function placeholderIcons(): { color: Buffer; outline: Buffer } {
  const shield = (x: number, y: number, size: number) => {
    const [u, v] = [x / size - 0.5, y / size];
    return v > 0.2 && v < 0.82 && Math.abs(u) < 0.28 * (v < 0.55 ? 1 : (0.82 - v) / 0.27);
  };
  return {
    color: png(192, 192, (x, y) => (shield(x, y, 192) ? [255, 255, 255, 255] : [0x23, 0x2f, 0x3e, 255])),
    outline: png(32, 32, (x, y) => (shield(x, y, 32) ? [255, 255, 255, 255] : [0, 0, 0, 0])),
  };
}

function main(args: readonly string[]): void {
  const [command, ...rest] = args;
  if (command === 'icons') {
    const { color, outline } = placeholderIcons();
    writeFileSync(join(TEAMS_DIR, 'color.png'), color);
    writeFileSync(join(TEAMS_DIR, 'outline.png'), outline);
    process.stdout.write('teams/color.png and teams/outline.png written\n');
    return;
  }
  const appId = rest[rest.indexOf('--app-id') + 1];
  if (command !== 'package' || !rest.includes('--app-id') || !appId) {
    process.stderr.write('usage: teams-app.ts package --app-id <Entra app id> [--out file.zip] | icons\n');
    process.exitCode = 2;
    return;
  }
  const out = rest.includes('--out') ? (rest[rest.indexOf('--out') + 1] ?? '') : 'build/eks-audit-teams.zip';
  const manifest = manifestFor(readFileSync(join(TEAMS_DIR, 'manifest.json'), 'utf8'), appId);
  const files = [
    { name: 'manifest.json', data: Buffer.from(manifest) },
    { name: 'color.png', data: readFileSync(join(TEAMS_DIR, 'color.png')) },
    { name: 'outline.png', data: readFileSync(join(TEAMS_DIR, 'outline.png')) },
  ];
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip(files));
  process.stdout.write(`${out} written: upload it in Teams (Apps > Manage your apps > Upload an app)\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
