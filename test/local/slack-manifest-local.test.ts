import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Manifest {
  features: { slash_commands: { command: string; usage_hint: string; url?: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean; request_url?: string }; socket_mode_enabled: boolean };
}

const read = (path: string) => parse(readFileSync(path, 'utf8')) as Manifest;

describe('slack/manifest.local.yaml (the Socket Mode app for npm start)', () => {
  const local = read('slack/manifest.local.yaml');
  const deployed = read('slack/manifest.yaml');

  it('enables Socket Mode and needs no request URL', () => {
    expect(local.settings.socket_mode_enabled).toBe(true);
    expect(local.settings.interactivity).toEqual({ is_enabled: true });
    expect(local.features.slash_commands.every((command) => command.url === undefined)).toBe(true);
  });

  it('asks for the same bot scopes and offers the same /eks-audit command as the deployed app', () => {
    expect(local.oauth_config.scopes.bot).toEqual(deployed.oauth_config.scopes.bot);
    const strip = (m: Manifest) =>
      m.features.slash_commands.map(({ command, usage_hint }) => ({ command, usage_hint }));
    expect(strip(local)).toEqual(strip(deployed));
  });
});
