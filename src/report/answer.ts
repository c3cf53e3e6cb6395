import type { Clock } from '../shared/clock';
import type { AuditTrail } from '../triage/ports';
import { type ActivityReport, buildReport } from './activity-report';
import { actorNameCandidates } from './actor-names';
import type { EksAuditCommand } from './command';
import type { MessageLinker } from './links';
import { buildPendingList, type PendingList } from './pending';
import { buildPersonActivity, type PersonActivity, type PersonLookup } from './person';
import type { AlertFactSource } from './ports';
import { type AlertTrailView, buildAlertTrail } from './trail';
import { windowRange } from './window';

/** The answer to one `/eks-audit` command: a neutral model, rendered per platform (`renderEksAuditAnswer`). */
export type EksAuditAnswer =
  | { readonly kind: 'help'; readonly problem?: string }
  | { readonly kind: 'report'; readonly report: ActivityReport }
  | { readonly kind: 'pending'; readonly pending: PendingList }
  | { readonly kind: 'show'; readonly trail: AlertTrailView }
  | { readonly kind: 'not-found'; readonly alertId: string }
  | { readonly kind: 'user'; readonly person: PersonActivity };

/** The ports the answers read. */
export interface EksAuditDeps {
  readonly trail: AuditTrail;
  readonly facts: AlertFactSource;
  readonly clock: Clock;
}

/** What the platform knows about the person asking and their workspace. */
export interface EksAuditContext {
  /** Links to cards whose permalink was not stored. */
  readonly linker?: MessageLinker;
  /** For `user <name>`: e-mail domains to also try the name with (the asker's own domain). */
  readonly actorDomains?: readonly string[];
  /** For `user <mention>`: the e-mail the platform resolved the mention to. */
  readonly actorEmails?: readonly string[];
}

/** How many open alerts `pending` reads (the oldest ones). */
export const PENDING_LIMIT = 20;
/** How many alerts `user` reads per name it tries (the newest ones). */
export const PERSON_LIMIT = 50;

/**
 * Answers a command from the trail: every read is a Query on an index or on one alert, never a scan.
 *
 * @example
 * const answer = await answerEksAuditCommand(parseEksAuditCommand('report 30d'), deps);
 * answer.kind; // 'report'
 */
export async function answerEksAuditCommand(
  command: EksAuditCommand,
  deps: EksAuditDeps,
  context: EksAuditContext = {},
): Promise<EksAuditAnswer> {
  switch (command.name) {
    case 'help':
      return { kind: 'help', ...(command.problem ? { problem: command.problem } : {}) };
    case 'report':
      return { kind: 'report', report: await report(command, deps) };
    case 'pending': {
      const page = await deps.trail.listOpen({ limit: PENDING_LIMIT, order: 'oldest-first' });
      const pending = buildPendingList(page.items, {
        now: deps.clock(),
        more: page.cursor !== undefined,
        skipped: page.skipped,
        ...(context.linker ? { linker: context.linker } : {}),
      });
      return { kind: 'pending', pending };
    }
    case 'show': {
      const alert = await deps.trail.getAlert(command.alertId);
      if (!alert) return { kind: 'not-found', alertId: command.alertId };
      return { kind: 'show', trail: buildAlertTrail(alert, context.linker) };
    }
    case 'user':
      return { kind: 'user', person: await person(command.who, deps, context) };
  }
}

async function report(command: Extract<EksAuditCommand, { name: 'report' }>, deps: EksAuditDeps) {
  const now = deps.clock();
  const { from, to } = windowRange(command.window, now);
  const cluster = command.cluster === undefined ? {} : { cluster: command.cluster };
  const result = await deps.facts.listFacts({ from, to, ...cluster });
  return buildReport(result.facts, { window: command.window, now, skipped: result.skipped, ...cluster });
}

async function person(who: string, deps: EksAuditDeps, context: EksAuditContext): Promise<PersonActivity> {
  const keys = actorNameCandidates(who, {
    ...(context.actorDomains ? { domains: context.actorDomains } : {}),
    ...(context.actorEmails ? { emails: context.actorEmails } : {}),
  });
  const lookups = await Promise.all(
    keys.map(async (key): Promise<PersonLookup> => {
      const page = await deps.trail.listByActor({ actor: key, limit: PERSON_LIMIT, order: 'newest-first' });
      return { key, alerts: page.items, more: page.cursor !== undefined, skipped: page.skipped };
    }),
  );
  return buildPersonActivity(who, lookups, context.linker);
}
