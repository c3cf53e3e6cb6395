import { bundledRuleSet } from './bundled-rules';
import { createIngestHandler } from './create-handler';
import { PACKAGED_RULES } from './packaged-rules';

/**
 * The ingest Lambda's entry point (`src/ingest/handler.handler`): CloudWatch Logs subscription event ->
 * findings -> SNS findings topic. Built when Lambda loads the module (cold start), so a bad configuration
 * fails the function's init with a message naming the setting, before any event is read. Its rules are the
 * ones packed into the bundle at packaging (src/ingest/packaged-rules.ts).
 */
export const handler = createIngestHandler({
  env: process.env,
  loadRules: (rulesFile) => bundledRuleSet(PACKAGED_RULES, rulesFile),
});
