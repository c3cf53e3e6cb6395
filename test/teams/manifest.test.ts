import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_ID_PLACEHOLDER, manifestFor, placeholderIcons, zip } from '../../scripts/teams-app';
import { eksAuditUsage } from '../../src/report/command';

const template = readFileSync('teams/manifest.json', 'utf8');
const manifest = JSON.parse(template);
const APP_ID = '00000000-0000-4000-8000-00000000b07a';

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe('teams/manifest.json', () => {
  it('is a 1.19 manifest whose app and bot ids are the placeholder the package script fills in', () => {
    expect(manifest.manifestVersion).toBe('1.19');
    expect(manifest.$schema).toBe(
      'https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json',
    );
    expect(manifest.id).toBe(APP_ID_PLACEHOLDER);
    expect(manifest.bots[0].botId).toBe(APP_ID_PLACEHOLDER);
  });

  it('keeps to the manifest’s length limits', () => {
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.name.full.length).toBeLessThanOrEqual(100);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    for (const command of manifest.bots[0].commandLists[0].commands) {
      expect(command.title.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeLessThanOrEqual(128);
    }
  });

  it('lists every /eks-audit subcommand, plus here, in the bot’s command menu', () => {
    const titles = manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title);
    const subcommands = eksAuditUsage.map(([usage]) => usage.split(' ')[0]);
    expect([...titles].sort()).toEqual([...subcommands, 'here'].sort());
  });

  it('ships a 192x192 colour icon and a 32x32 outline icon, as generated', () => {
    const color = readFileSync('teams/color.png');
    const outline = readFileSync('teams/outline.png');
    expect(pngSize(color)).toEqual({ width: 192, height: 192 });
    expect(pngSize(outline)).toEqual({ width: 32, height: 32 });
    expect(placeholderIcons()).toEqual({ color, outline });
  });
});

describe('scripts/teams-app.ts', () => {
  it('puts the Entra app id in both places', () => {
    const filled = JSON.parse(manifestFor(template, APP_ID.toUpperCase()));
    expect(filled.id).toBe(APP_ID);
    expect(filled.bots[0].botId).toBe(APP_ID);
  });

  it('refuses an app id that is not a GUID', () => {
    expect(() => manifestFor(template, 'eks-audit')).toThrow(/--app-id must be .* a GUID/);
  });

  it('zips files so that a zip reader gets them back', async () => {
    const { readZip } = await import('../../scripts/zip');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const path = join(mkdtempSync(join(tmpdir(), 'teams-zip-')), 'app.zip');
    writeFileSync(
      path,
      zip([
        { name: 'manifest.json', data: Buffer.from('{"a":1}') },
        { name: 'color.png', data: readFileSync('teams/color.png') },
      ]),
    );
    const entries = readZip(path);
    expect(entries.map((e) => e.name)).toEqual(['manifest.json', 'color.png']);
    expect(entries[0]?.read().toString()).toBe('{"a":1}');
    expect(entries[1]?.read().equals(readFileSync('teams/color.png'))).toBe(true);
  });
});
