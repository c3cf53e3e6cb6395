/** The one-line usage of `eks-audit scan`, printed with usage errors. */
export const SCAN_USAGE =
  'Usage: eks-audit scan [FILE...] [--rules FILE | --pattern P] [--format table|json] [--cluster NAME]\n';

/** `eks-audit scan --help`. */
export const SCAN_HELP = `${SCAN_USAGE}
Reads Kubernetes audit events from each FILE (or standard input when there is none, or for -) and prints the
findings the rules make of them. Every input format is detected: JSON lines (the API server's log backend),
a Kubernetes EventList (webhook backend), a JSON array, a CloudWatch Logs subscription payload (decoded, or the
Lambda's awslogs envelope), \`aws logs filter-log-events\` output, and CloudWatch export lines (time, JSON).

Lines that cannot be used (malformed or truncated JSON, not an audit event) are reported on standard error
with their file and line; a summary line on standard error counts the events read, the findings and every
skipped line or event by reason.

Options:
  -r, --rules <file>     rules file (YAML or JSON); default: $RULES_FILE, else the bundled default rules
  -p, --pattern <p>      one ad-hoc rule from a CloudWatch filter pattern, for every actor (shows what a
                         subscription filter with that pattern lets through)
  -f, --format <f>       table (default) or json: one finding per line, the same JSON as on SNS
  -c, --cluster <name>   cluster name for the findings; default: $CLUSTER_NAME, else the log group
                         (/aws/eks/<cluster>/cluster) of CloudWatch input, else "unknown"
  -h, --help             show this help

Environment: RULES_FILE, CLUSTER_NAME, PROTECTED_NAMESPACES (comma-separated, added to kube-system),
AUTOMATION_USERNAMES and AUTOMATION_ROLE_ARNS (comma-separated globs of identities that are automation).

Exit status: 0 when the input was read (findings or not); 1 when a FILE cannot be read; 2 for a usage error,
an invalid rules file or an invalid pattern.

Examples:
  eks-audit scan samples/eks-audit-sample.jsonl
  eks-audit scan --format json samples/eks-audit-sample.jsonl | jq -r .summary
  eks-audit scan --cluster prod-eu --rules my-rules.yaml samples/eks-audit-sample.jsonl
  eks-audit scan --pattern '{ $.objectRef.resource = "secrets" }' samples/eks-audit-sample.jsonl
  aws logs filter-log-events --log-group-name /aws/eks/prod-eu/cluster \\
      --log-stream-name-prefix kube-apiserver-audit --start-time $(date -d -1hour +%s000) | eks-audit scan
`;
