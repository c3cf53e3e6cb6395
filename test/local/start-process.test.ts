import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDataDir } from './support';

/** Runs the real CLI as a new user would, from the project root, with no Slack or AWS settings. */
function runCli(args: string[]): Promise<{ code: number | null; out: string; err: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/eks-audit.js', ...args], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err, ms: Math.round(performance.now() - started) }));
  });
}

/** The output block of the README quick start (between its start-output markers). */
function readmeOutput(): string {
  const readme = readFileSync('README.md', 'utf8');
  const block = /<!-- start-output -->\n```text\n([\s\S]*?)```\n<!-- \/start-output -->/.exec(readme)?.[1];
  if (block === undefined)
    throw new Error('README quick start: no output block between <!-- start-output --> markers');
  return block;
}

describe('a new user runs eks-audit start (the real process)', () => {
  const dir = tempDataDir();
  afterAll(() => dir.remove());

  it('prints the bundled sample as cards, and the summary lines the README quick start shows', async () => {
    const run = await runCli(['start', '--once', '--data-dir', dir.path]);
    // A figure for the reader, not an assertion (timings are measured by bench scripts, never asserted).
    console.log(`eks-audit start --once on the bundled sample: ${run.ms} ms`);

    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const lines = run.out.split('\n');
    expect(lines.filter((line) => line.startsWith('── ')).length).toBe(21);
    expect(lines).toContain(
      `  data     ${dir.path} (alerts are kept here between runs; --data-dir or EKS_AUDIT_DATA_DIR)`,
    );

    const readme = readmeOutput().split('\n');
    // Every summary line and every card header the README shows is a line the user sees (the data line
    // names the README's own folder, so only its wording is compared).
    const shown = readme.filter((line) =>
      /^( {2}(rules|cards|sample|alerts|triage) |── | {11}npx eks-audit )/.test(line),
    );
    expect(shown.length).toBeGreaterThan(10);
    for (const line of shown) expect(lines).toContain(line);
    const dataLine = readme.find((line) => line.startsWith('  data     '));
    expect(dataLine?.replace(/^ {2}data {5}\S+/, '')).toBe(
      ' (alerts are kept here between runs; --data-dir or EKS_AUDIT_DATA_DIR)',
    );
  });

  it('finds the alerts again on the next run, and the triage commands read them', async () => {
    const again = await runCli(['start', '--once', '--data-dir', dir.path]);
    const list = await runCli(['alerts', '--open', '--data-dir', dir.path]);

    expect(again.out).toContain('  alerts   0 new, 21 already in the trail');
    expect(list.code).toBe(0);
    expect(list.err).toBe('');
    expect(list.out.trimEnd().split('\n')).toHaveLength(22);
  });
});
