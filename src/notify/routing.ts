import type { Finding } from '../finding/schema';
import { SeveritySchema, severityRank } from '../finding/severity';
import * as z from '../shared/zod';

/**
 * One routing rule: findings that match every given field go to `channel` (Slack channel id) and/or
 * `teamsConversation`. Omitted fields match anything.
 */
export const RouteSchema = z.strictObject({
  cluster: z.optional(z.string().check(z.minLength(1))),
  namespace: z.optional(z.string().check(z.minLength(1))),
  /** Matches findings of this severity or worse. */
  minSeverity: z.optional(SeveritySchema),
  channel: z.optional(z.string().check(z.minLength(1))),
  teamsConversation: z.optional(z.string().check(z.minLength(1))),
});
export type Route = z.infer<typeof RouteSchema>;

/** Where cards go: the first route that matches wins, else the default channel. */
export const RoutingSchema = z.strictObject({
  defaultChannel: z.optional(z.string().check(z.minLength(1))),
  defaultTeamsConversation: z.optional(z.string().check(z.minLength(1))),
  routes: z._default(z.array(RouteSchema), []),
});
export type Routing = z.infer<typeof RoutingSchema>;

/** The destinations of one finding. */
export interface Destination {
  readonly slackChannel?: string;
  readonly teamsConversation?: string;
}

/**
 * Picks where a finding's card is posted.
 *
 * @example
 * routeFinding(finding, { defaultChannel: 'C0ALERTS', routes: [{ cluster: 'prod-eu', channel: 'C0PROD' }] })
 * // => { slackChannel: 'C0PROD' } for a finding on prod-eu
 */
export function routeFinding(finding: Finding, routing: Routing): Destination {
  const route = routing.routes.find((r) => routeMatches(r, finding));
  const slackChannel = route?.channel ?? (route?.teamsConversation ? undefined : routing.defaultChannel);
  const teamsConversation =
    route?.teamsConversation ?? (route?.channel ? undefined : routing.defaultTeamsConversation);
  return {
    ...(slackChannel ? { slackChannel } : {}),
    ...(teamsConversation ? { teamsConversation } : {}),
  };
}

function routeMatches(route: Route, finding: Finding): boolean {
  if (route.cluster !== undefined && route.cluster !== finding.where.cluster) return false;
  if (route.namespace !== undefined && route.namespace !== finding.action.namespace) return false;
  if (route.minSeverity !== undefined && severityRank[finding.severity] < severityRank[route.minSeverity]) {
    return false;
  }
  return true;
}
