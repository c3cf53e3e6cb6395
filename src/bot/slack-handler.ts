import { createSlackLambdaHandler } from './lambda';

/**
 * The Slack function's entry point (`src/bot/slack-handler.handler`): button clicks, modal submissions and
 * `/eks-audit`, through API Gateway `POST /slack/events`. Built when Lambda loads the module, so a bad
 * configuration fails the cold start with a message naming the setting; the Slack secrets are read from
 * SSM once per cold start.
 */
export const handler = createSlackLambdaHandler({ env: process.env });
