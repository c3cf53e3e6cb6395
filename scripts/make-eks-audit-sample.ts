/**
 * Writes `samples/eks-audit-sample.jsonl`: realistic EKS audit events (one JSON object per line, as the
 * kube-apiserver log backend and CloudWatch Logs hold them) for users, docs and tests. Deterministic: the same
 * file on every run. Run with `npx tsx scripts/make-eks-audit-sample.ts` after changing `scripts/sample/`;
 * test/audit/sample.test.ts fails while the file is stale.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSample } from './sample/render';
import { story } from './sample/story';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const text = renderSample();
writeFileSync(resolve(root, 'samples/eks-audit-sample.jsonl'), text);
const events = text.split('\n').filter(Boolean).length;
const alerts = story.filter((step) => step.alert).length;
console.log(
  `wrote samples/eks-audit-sample.jsonl: ${events} events, ${story.length} requests, ${alerts} meant to alert`,
);
