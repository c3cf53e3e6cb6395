import { TEAM, type TestUser } from './payloads';

/**
 * A `/eks-audit` slash command as Slack posts it: form-encoded fields (not a JSON `payload` like interactions),
 * https://docs.slack.dev/interactivity/implementing-slash-commands.
 */
export function slashCommandBody(
  text: string,
  options: { user: TestUser; responseUrl: string; channel?: string },
) {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: options.channel ?? 'C0ALERTS',
    channel_name: 'alerts',
    user_id: options.user.id,
    user_name: options.user.name,
    command: '/eks-audit',
    text,
    api_app_id: 'A0EKSAUDIT',
    is_enterprise_install: 'false',
    response_url: options.responseUrl,
    trigger_id: '1234567890.323456789.abcdef',
  }).toString();
}
