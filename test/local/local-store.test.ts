import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalStore } from '../../src/local/local-store';
import { ownerFile, readOwner, StoreInUseError } from '../../src/local/store-owner';
import { aFinding } from '../support/builders';
import { clock, NOW, tempDataDir } from './support';

describe('openLocalStore (the data folder, one owner at a time)', () => {
  const dirs: { remove(): void }[] = [];
  const aDir = () => {
    const dir = tempDataDir();
    dirs.push(dir);
    return dir.path;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) dir.remove();
  });

  it('keeps alerts on disk between runs', async () => {
    const dataDir = aDir();
    const first = await openLocalStore({ dataDir, role: 'server', clock });
    await first.trail.createAlert(aFinding({ id: 'f-kept' }), NOW);
    await first.close();

    const second = await openLocalStore({ dataDir, role: 'cli', clock });
    expect((await second.trail.getAlert('f-kept'))?.finding.id).toBe('f-kept');
    expect(second.sharedWith).toBeUndefined();
    await second.close();
    expect(existsSync(join(dataDir, 'dynamodb'))).toBe(true);
    expect(existsSync(ownerFile(dataDir))).toBe(false);
  });

  it('lets a triage command join a running server through its endpoint, and refuses a second server', async () => {
    const dataDir = aDir();
    const server = await openLocalStore({ dataDir, role: 'server', clock });
    await server.announce('http://127.0.0.1:8787');

    const cli = await openLocalStore({ dataDir, role: 'cli', clock });
    await cli.trail.createAlert(aFinding({ id: 'f-shared' }), NOW);
    const second = openLocalStore({ dataDir, role: 'server', clock, waitMs: 200 });

    expect(cli.sharedWith).toMatchObject({ role: 'server', serverUrl: 'http://127.0.0.1:8787' });
    expect(cli.endpoint).toBe(server.endpoint);
    expect((await server.trail.getAlert('f-shared'))?.id).toBe('f-shared');
    await expect(second).rejects.toThrow(StoreInUseError);
    await expect(second).rejects.toThrow(
      /in use by another eks-audit process \(pid \d+, eks-audit start at http:\/\/127\.0\.0\.1:8787\)/,
    );
    await cli.close();
    expect(await readOwner(dataDir)).toMatchObject({ role: 'server' });
    await server.close();
  });

  it('replaces the owner file of a process that is gone', async () => {
    const dataDir = aDir();
    const first = await openLocalStore({ dataDir, role: 'server', clock });
    await first.close();
    // What a killed server leaves behind: its file, naming a process and a store that no longer answer.
    writeFileSync(
      ownerFile(dataDir),
      JSON.stringify({
        pid: 2 ** 22 + 1,
        role: 'server',
        dynamoEndpoint: 'http://127.0.0.1:9',
        startedAt: NOW.toISOString(),
      }),
    );

    const store = await openLocalStore({ dataDir, role: 'server', clock, waitMs: 200 });

    expect(store.sharedWith).toBeUndefined();
    expect(await readOwner(dataDir)).toMatchObject({ pid: process.pid, role: 'server' });
    await store.close();
  });
});
