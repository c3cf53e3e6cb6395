/**
 * Every case of ../shared/corpus/filterpatterns/cases.jsonl outside the authoritative subset on which this
 * engine gives another answer than the case, with the reason we believe CloudWatch behaves as we do. The
 * conformance test fails when a listed case starts agreeing or an unlisted one disagrees, so this list stays true.
 *
 * `message` is the exact log message, or a prefix ending with '…' for the long JSON events.
 */
export interface KnownDisagreement {
  readonly pattern: string;
  readonly message: string;
  /** What this engine answers: `invalid` means compileFilterPattern throws FilterPatternError. */
  readonly ours: 'match' | 'no match' | 'invalid';
  readonly reason: string;
}

const DOC_2021 = 'FilterAndPatternSyntax.md (2021-12-20)';
const DOC_2022 = 'FilterAndPatternSyntax.md (2022-03-25)';
const LOCALSTACK_EVENT = '{"eventType":"UpdateTrail","bandwidth":80,…';

const BRACKET_SELECTOR_REASON = `AWS documents selectors as '$.' followed by property names of letters, digits, '-' and '_', with array elements as [NUMBER] (${DOC_2021} "SELECTOR": "Property selectors are alphanumeric strings that also support '-' and '_' characters. Array elements are denoted with [NUMBER] syntax"; ${DOC_2022} "Property selector"). $["name"] is not in that grammar, so we reject it with a column instead of accepting a pattern CloudWatch may refuse; LocalStack's grammar accepts it without citing AWS.`;

const UNQUOTED_SYMBOL_REASON = `"Metric filter terms that include characters other than alphanumeric or underscore must be placed inside double quotes" (${DOC_2021} #matching-terms-events; ${DOC_2022} Note: "Enclose ... terms that include non-alphanumeric characters in double quotation marks"). We reject the pattern and name the column; the implementation silently treats the term as never matching. Both select no event.`;

/** The table the conformance test checks against. */
export const KNOWN_DISAGREEMENTS: readonly KnownDisagreement[] = [
  {
    pattern: '[w1!=ERROR&&w1!=WARN, w2]',
    message: 'ERROR WARN message',
    ours: 'no match',
    reason: `Flagged doc_statement_questionable. The same paragraph says [w1=ERROR, w2] matches only line 2, i.e. a 2-slot pattern without '...' does not match the 3-field line 1 (${DOC_2021} #log-filters-or-pattern-matching), and w1 of this line is ERROR, which w1!=ERROR excludes. The claim contradicts both rules; the 2022 doc rewrote the example as "returns log events where the first words aren't ERROR and WARNING" and no longer claims line 1.`,
  },
  {
    pattern: '{ $["eventType"] = "UpdateTrail" }',
    message: LOCALSTACK_EVENT,
    ours: 'invalid',
    reason: BRACKET_SELECTOR_REASON,
  },
  {
    pattern: '{ $["eventType"] = "UpdateTrail2" }',
    message: LOCALSTACK_EVENT,
    ours: 'invalid',
    reason: BRACKET_SELECTOR_REASON,
  },
  {
    pattern: '{ $["eventType"] != "UpdateTrail" }',
    message: LOCALSTACK_EVENT,
    ours: 'invalid',
    reason: BRACKET_SELECTOR_REASON,
  },
  {
    pattern: '{ $["eventType"] != "UpdateTrail2" }',
    message: LOCALSTACK_EVENT,
    ours: 'invalid',
    reason: BRACKET_SELECTOR_REASON,
  },
  {
    pattern: '{ $["eventTypeList"][2] = "uts" }',
    message: LOCALSTACK_EVENT,
    ours: 'invalid',
    reason: BRACKET_SELECTOR_REASON,
  },
  {
    pattern: '{ $["non-existent"] = 80 }',
    message: LOCALSTACK_EVENT,
    ours: 'invalid',
    reason: BRACKET_SELECTOR_REASON,
  },
  {
    pattern: '{ $["number"][4]= 80 }',
    message: LOCALSTACK_EVENT,
    ours: 'invalid',
    reason: BRACKET_SELECTOR_REASON,
  },
  { pattern: '#Cloud', message: '#Cloud watch', ours: 'invalid', reason: UNQUOTED_SYMBOL_REASON },
  { pattern: '"#Cloud" #watch', message: '#Cloud #watch', ours: 'invalid', reason: UNQUOTED_SYMBOL_REASON },
  {
    pattern: '{',
    message: '{"hello" : "world"}',
    ours: 'invalid',
    reason: `A pattern that starts with '{' is a JSON pattern ("The metric filter must be enclosed in curly braces { }, to indicate this is a JSON expression", ${DOC_2021} #metric-filter-term-matching); '{' alone has neither a condition nor the closing brace, so we reject it (column 2). The implementation answers false; both select no event.`,
  },
  {
    pattern: '"',
    message: '{"hello" : "world"}',
    ours: 'invalid',
    reason: `An unterminated quoted term. The docs only describe terms "enclosed in double quotation marks" (${DOC_2022} Note); we reject the pattern at column 1 rather than guess what the lone quote means. The implementation answers false; both select no event.`,
  },
];
