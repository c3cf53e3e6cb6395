import { createNotifierHandler } from './notifier-lambda';

/**
 * The notifier Lambda's entry point (`src/bot/notifier-handler.handler`), subscribed to the findings topic:
 * SNS finding -> DynamoDB alert -> Slack card. Built when Lambda loads the module, so a bad configuration
 * fails the cold start with a message naming the setting.
 */
export const handler = createNotifierHandler({ env: process.env });
