import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { projectRoot } from './corpus';
import { anEksAuditEvent } from './eks-audit-event';

/** Runs `eks-audit <args>` in-process with `input` on stdin; returns the exit status and what it printed. */
async function run(args: string[], input = '', cwd = process.cwd()) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  stdin.end(input);
  const status = await main(['match', ...args], { stdin, stdout, stderr, cwd, env: {} });
  return { status, out, err };
}

const secretDelete = JSON.stringify(anEksAuditEvent());
const podList = JSON.stringify(anEksAuditEvent({ verb: 'list', resource: 'pods' }));

describe('CLI: eks-audit match', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'eks-audit-match-'));
    await writeFile(path.join(dir, 'audit.jsonl'), `${secretDelete}\n${podList}\r\nnot json\n`);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints match or no match for each line of standard input, in order, and exits 0', async () => {
    const result = await run(
      ['--pattern', 'ERROR -ARGUMENTS'],
      '[ERROR 400] BAD\nok\n[ERROR 419] MISSING ARGUMENTS\n\n',
    );
    expect(result).toEqual({ status: 0, out: 'match\nno match\nno match\nno match\n', err: '' });
  });

  it('reads FILE relative to the working directory, CRLF lines included', async () => {
    const result = await run(
      ['-p', '{ $.verb != "list" && $.objectRef.resource = "secrets" }', 'audit.jsonl'],
      '',
      dir,
    );
    expect(result).toEqual({ status: 0, out: 'match\nno match\nno match\n', err: '' });
  });

  it('streams a large input line by line', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? secretDelete : podList));
    const result = await run(['--pattern', '{ $.verb = delete }'], `${lines.join('\n')}\n`);
    const printed = result.out.trimEnd().split('\n');
    expect(printed).toHaveLength(20_000);
    expect(printed.filter((line) => line === 'match')).toHaveLength(6_667);
  });

  it('exits 2 for an invalid pattern, with the column on stderr and nothing on stdout', async () => {
    const result = await run(['--pattern', '{ $.verb = }'], secretDelete);
    expect(result.status).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toBe(
      "error: column 12: expected a value after '=' but found '}'\n  { $.verb = }\n             ^\n",
    );
  });

  it('exits 2 with the usage when --pattern is missing', async () => {
    const result = await run(['audit.jsonl']);
    expect(result.status).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain('--pattern is required');
    expect(result.err).toContain("Usage: eks-audit match --pattern '<filter pattern>' [FILE]");
  });

  it('exits 2 for an unknown option or two files', async () => {
    expect((await run(['--pattern', 'x', '--colour'])).status).toBe(2);
    expect((await run(['--pattern', 'x', 'a.log', 'b.log'])).err).toContain(
      'expected at most one FILE, got 2',
    );
  });

  it('exits 1 when FILE cannot be read', async () => {
    const result = await run(['--pattern', 'x', 'missing.log'], '', dir);
    expect(result.status).toBe(1);
    expect(result.err).toContain('cannot read missing.log');
  });

  it('explains itself with --help, examples included, and exits 0', async () => {
    const result = await run(['--help']);
    expect(result.status).toBe(0);
    expect(result.out).toContain('Examples:');
    expect(result.out).toContain(`eks-audit match --pattern '{ $.verb = "delete"`);
  });

  it('is listed by eks-audit --help', async () => {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk) => (out += chunk));
    const io = { stdin: new PassThrough(), stdout, stderr: new PassThrough(), cwd: process.cwd(), env: {} };
    expect(await main(['--help'], io)).toBe(0);
    expect(out).toMatch(/\n {2}match +test a CloudWatch Logs filter pattern/);
  });

  it('runs as a real process through bin/eks-audit.js', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['bin/eks-audit.js', 'match', '--pattern', '{ $.user.username = "kubernetes-*" }', file],
      { cwd: projectRoot },
    );
    expect(stderr).toBe('');
    expect(stdout).toBe('match\nmatch\nno match\n');
  });
});
