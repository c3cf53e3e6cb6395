/**
 * The rule set the deployed ingest function runs. In the repository this is the default rule set; when the
 * service is packaged with a `rulesFile`, deploy/packed-rules.cjs replaces this module, in the ingest bundle
 * only, with that file validated and packed (`packRuleSet`), so the function needs neither the YAML parser nor
 * the rules schema at a cold start.
 */
export { DEFAULT_RULES as PACKAGED_RULES } from './default-rules';
