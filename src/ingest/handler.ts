import { createIngestHandler } from './create-handler';

/**
 * The ingest Lambda's entry point (`src/ingest/handler.handler`): CloudWatch Logs subscription event ->
 * findings -> SNS findings topic. Built when Lambda loads the module (cold start), so a bad configuration
 * fails the function's init with a message naming the setting, before any event is read.
 */
export const handler = createIngestHandler({ env: process.env });
