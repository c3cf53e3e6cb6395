import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsCommand, showCommand } from '../../src/local/list-commands';
import type { LocalPipeline } from '../../src/local/pipeline';
import { respondCommand } from '../../src/local/respond-commands';
import { runLocalStart } from '../../src/local/start';
import { parseStartOptions } from '../../src/local/start-options';
import type { TriageCommandDeps } from '../../src/local/triage-cli-common';
import type { Alert } from '../../src/triage/model';
import { clock, memoryIo, tempDataDir } from './support';

const as = (osUser: string): TriageCommandDeps => ({ clock, osUser: () => osUser });

/** Runs a triage command in-process, as `eks-audit <name> ...` would, with the OS user `osUser`. */
async function cli(name: 'alerts' | 'show' | 'ack' | 'justify' | 'escalate', args: string[], osUser = 'bob') {
  const deps = as(osUser);
  const command =
    name === 'alerts'
      ? alertsCommand(deps)
      : name === 'show'
        ? showCommand(deps)
        : respondCommand(name === 'ack' ? 'acknowledge' : name, deps);
  const { io, out, err } = memoryIo();
  const code = await command.run(args, io);
  return { code, out: out(), err: err() };
}

/**
 * Terminal mode: no Slack credentials, so `eks-audit start` prints the cards, and the triage commands act on
 * the alerts through the same TriageService as the bot, while the server runs (sharing its store) and after.
 */
describe('eks-audit start without Slack, and triage from the terminal', () => {
  const dir = tempDataDir();
  const data = ['--data-dir', dir.path];
  const server = memoryIo();
  let stop: () => void;
  let finished: Promise<number>;
  let pipeline: LocalPipeline;
  const alertOf = async (summary: string): Promise<Alert> => {
    const page = await pipeline.store.trail.listOpen({ limit: 100 });
    const found = page.items.find((alert) => alert.finding.summary === summary);
    if (!found) throw new Error(`no open alert "${summary}"`);
    return found;
  };

  beforeAll(async () => {
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    let ready: (value: LocalPipeline) => void = () => {};
    const started = new Promise<LocalPipeline>((resolve) => (ready = resolve));
    const options = parseStartOptions(['--port', '0', ...data], {}, process.cwd());
    finished = runLocalStart(options, server.io, { clock, waitForStop: () => stopped, onReady: ready });
    pipeline = await started;
    while (!server.out().includes('Ready.')) await new Promise((resolve) => setTimeout(resolve, 20));
  });
  afterAll(async () => {
    stop();
    await finished;
    dir.remove();
  });

  it('prints every finding of the bundled sample as a card, then the summary and how to triage', () => {
    const out = server.out();
    expect(out.match(/^── (LOW|MEDIUM|HIGH|CRITICAL)( DENIED)? ── /gm)).toHaveLength(21);
    expect(out).toContain(
      '── CRITICAL ── bob@example.com created clusterrolebinding bob-cluster-admin on prod-eu',
    );
    expect(out).toMatch(
      /^ {2}sample {3}samples\/eks-audit-sample\.jsonl: 66 events read, 21 findings; skipped 45: /m,
    );
    expect(out).toContain('  alerts   21 new (cards above), 0 already in the trail');
    expect(out).toMatch(/^ {2}webhook {2}POST http:\/\/127\.0\.0\.1:\d+\/audit/m);
    expect(out).toContain('npx eks-audit ack <id> --as you@example.com');
    expect(out).toContain('SLACK_BOT_TOKEN=xoxb-... SLACK_APP_TOKEN=xapp-... SLACK_CHANNEL=');
  });

  it('lists the open alerts while the server runs (sharing its store)', async () => {
    const { code, out } = await cli('alerts', ['--open', ...data]);
    expect(code).toBe(0);
    const rows = out.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^ID\s+STATUS\s+SEVERITY\s+TIME\s+SUMMARY$/);
    expect(rows).toHaveLength(22);
    expect(rows.slice(1).every((row) => /^f-\S+\s+open\s+/.test(row))).toBe(true);
  });

  it('refuses alice acknowledging her own change (separation of duties) and records the attempt', async () => {
    const alert = await alertOf('alice@example.com deleted secret kube-system/db-creds on prod-eu');

    const { code, err } = await cli('ack', [alert.id, '--as', 'alice@example.com', ...data], 'alice');

    expect(code).toBe(1);
    expect(err).toContain(
      'refused: You made this change (alice@example.com), so someone else must acknowledge it.',
    );
    const stored = await pipeline.store.trail.getAlert(alert.id);
    expect(stored?.status).toBe('open');
    expect(stored?.responses).toEqual([
      expect.objectContaining({
        action: 'refused',
        attempted: 'acknowledge',
        by: expect.objectContaining({ platform: 'cli', userId: 'alice', email: 'alice@example.com' }),
      }),
    ]);
  });

  it('lets bob acknowledge it, prints the updated card, and tells carol it is already done', async () => {
    const alert = await alertOf('alice@example.com deleted secret kube-system/db-creds on prod-eu');

    const bob = await cli('ack', [alert.id, '--as', 'bob@example.com', ...data]);
    const carol = await cli('ack', [alert.id, '--as', 'carol@example.com', ...data], 'carol');

    expect(bob.code).toBe(0);
    expect(bob.out).toContain(
      `Acknowledged ${alert.id} as bob@example.com (cli:bob, bob@example.com): now acknowledged.`,
    );
    expect(bob.out).toMatch(/Status {3}acknowledged\n {11}Acknowledged by bob@example.com, /);
    expect(carol.code).toBe(1);
    expect(carol.err).toMatch(
      /^already acknowledged by bob@example\.com \(cli:bob, bob@example\.com\) at 2026-11-20 14:05:00 UTC/,
    );
  });

  it('records a justification with a ticket (the author may justify) and an escalation, then shows the whole trail', async () => {
    const alert = await alertOf('bob@example.com created clusterrolebinding bob-cluster-admin on prod-eu');

    const justify = await cli('justify', [
      alert.id,
      '--reason',
      'break-glass for the outage',
      '--ticket',
      'https://jira.example.com/browse/OPS-7',
      '--as',
      'bob@example.com',
      ...data,
    ]);
    const escalate = await cli(
      'escalate',
      [alert.id, '--reason', 'cluster-admin needs security review', '--as', 'carol@example.com', ...data],
      'carol',
    );
    const show = await cli('show', [alert.id, ...data]);

    expect(justify.code).toBe(0);
    expect(escalate.code).toBe(0);
    expect(escalate.out).toContain('now escalated.');
    expect(show.code).toBe(0);
    expect(show.out).toContain(`Trail of ${alert.id}: escalated`);
    expect(show.out).toContain(
      'justify              bob@example.com (cli:bob, bob@example.com): break-glass for the outage (ticket https://jira.example.com/browse/OPS-7)',
    );
    expect(show.out).toContain(
      'escalate             carol@example.com (cli:carol, carol@example.com): cluster-admin needs security review',
    );
    expect(show.out).toContain('cards: terminal');
  });

  it('turns mistakes into usage errors or clear failures', async () => {
    const alert = await alertOf('carol created pod kube-system/node-shell on prod-eu');

    const noEmail = await cli('ack', [alert.id, ...data]);
    const badTicket = await cli('justify', [
      alert.id,
      '--reason',
      'x',
      '--ticket',
      'javascript:alert(1)',
      ...data,
    ]);
    const noReason = await cli('escalate', [alert.id, ...data]);
    const unknown = await cli('ack', ['f-nope', '--as', 'bob@example.com', ...data]);

    expect(noEmail.code).toBe(2);
    expect(noEmail.err).toContain('say who you are with --as EMAIL (or EKS_AUDIT_USER_EMAIL)');
    expect(badTicket.code).toBe(2);
    expect(badTicket.err).toContain('the link must be an http:// or https:// address');
    expect(noReason.code).toBe(2);
    expect(noReason.err).toContain('--reason "..." is required');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('no alert "f-nope"');
    expect((await pipeline.store.trail.getAlert(alert.id))?.responses).toEqual([]);
  });

  it('keeps the trail after the server stops; the commands then open the store themselves', async () => {
    const alert = await alertOf('alice@example.com deleted namespace staging on prod-eu');
    stop();
    expect(await finished).toBe(0);
    expect(server.out()).toContain(`Stopped. Alerts are kept in ${dir.path}.`);

    const ack = await cli('ack', [alert.id, '--as', 'bob@example.com', ...data]);
    const listed = await cli('alerts', ['--since', '30d', ...data]);

    expect(ack.code).toBe(0);
    expect(listed.out).toMatch(new RegExp(`${alert.id}\\s+acknowledged`));
    expect(listed.out).toMatch(/f-\S+\s+escalated\s+CRITICAL/);
  });

  it('replays the sample again on the next start without a second card for alerts already in the trail', async () => {
    const again = memoryIo();
    const code = await runLocalStart(parseStartOptions(['--once', ...data], {}, process.cwd()), again.io, {
      clock,
      waitForStop: async () => {},
    });

    expect(code).toBe(0);
    expect(again.out()).not.toMatch(/^── /m);
    expect(again.out()).toContain('  alerts   0 new, 21 already in the trail');
  });
});
