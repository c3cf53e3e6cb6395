import type { Finding } from '../../finding/schema';

/** SNS rejects a Subject of 100 characters or more. */
export const MAX_SUBJECT_LENGTH = 99;

/**
 * Makes `text` a valid SNS Subject: ASCII only (accents dropped, other characters become `?`), no line breaks or
 * control characters, starting with a letter, number or punctuation mark, at most 99 characters (cut with
 * `...`). SNS rejects the whole call for a bad Subject, so every Subject we send goes through here.
 *
 * @example
 * toSnsSubject('José\nrestarted  the pod'); // 'Jose restarted the pod'
 */
export function toSnsSubject(text: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/ {2,}/g, ' ')
    .trim();
  // After trimming, the first character is printable non-space ASCII: a letter, digit or punctuation mark.
  const subject = ascii === '' ? 'eks-audit-bot notification' : ascii;
  return subject.length <= MAX_SUBJECT_LENGTH
    ? subject
    : `${subject.slice(0, MAX_SUBJECT_LENGTH - 3).trimEnd()}...`;
}

/**
 * The e-mail Subject of a finding: severity, cluster, then the summary without its trailing `on <cluster>`.
 *
 * @example
 * findingSubject(finding); // '[HIGH] prod-eu: alice@example.com deleted secret kube-system/db-creds'
 */
export function findingSubject(finding: Finding): string {
  const cluster = finding.where.cluster;
  const suffix = ` on ${cluster}`;
  const what = finding.summary.endsWith(suffix) ? finding.summary.slice(0, -suffix.length) : finding.summary;
  return toSnsSubject(`[${finding.severity.toUpperCase()}] ${cluster}: ${what}`);
}
