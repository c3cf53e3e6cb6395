import { createTeamsLambdaHandler } from './lambda';

/**
 * The Teams function's entry point (`src/teams/handler.handler`): every activity Teams sends the bot (card
 * clicks, messages, installations), through API Gateway `POST /api/messages`, the Azure Bot's messaging
 * endpoint. Built when Lambda loads the module, so a bad configuration fails the cold start naming the
 * setting; the client secret is read from SSM once per cold start.
 */
export const handler = createTeamsLambdaHandler({ env: process.env });
