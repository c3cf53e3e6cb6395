/**
 * Bundle sizes and load times of the three Lambda packages: `npx tsx bench/bundles.ts [--package] [--runs N]`.
 *
 * Reads the zips osls wrote to .serverless/ (packages first when they are missing, or with --package),
 * prints each function's zipped and unzipped size and the time a fresh Node process takes to load its bundle
 * (`node -e "require('./src/.../handler.js')"`, with the environment the template gives the function), as the
 * median over N runs, minus and divided by the median of an empty `node -e ""`, and the time `require()` itself
 * took inside the process (less disturbed by a busy machine). Runs are interleaved with the empty ones so load
 * on the machine affects both alike. Node here is the local one, not Lambda's nodejs22.x.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lambdaEnv } from '../scripts/lambda-env';
import { packageService, projectRoot } from '../scripts/package-service';
import { type CloudFormationTemplate, prop } from '../scripts/template-check/template';
import { extractZip } from '../scripts/zip';

interface Target {
  readonly fn: string;
  readonly logicalId: string;
  readonly maxZippedKb: number;
  readonly maxLoadMs: number;
}

const targets: readonly Target[] = [
  { fn: 'ingest', logicalId: 'IngestLambdaFunction', maxZippedKb: 300, maxLoadMs: 60 },
  { fn: 'notifier', logicalId: 'NotifierLambdaFunction', maxZippedKb: 300, maxLoadMs: 60 },
  { fn: 'slack', logicalId: 'SlackLambdaFunction', maxZippedKb: 800, maxLoadMs: 150 },
];

const packageDir = join(projectRoot, '.serverless');
// Outside the project: its package.json says "type": "module", which would make Node read the CommonJS
// bundles as ESM. On Lambda, /var/task holds no package.json.
const workDir = join(tmpdir(), 'eks-audit-bundles');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 21;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Wall-clock ms of one `node -e script`, and what the script printed (the in-process require time). */
function timeNode(script: string, cwd: string, env: NodeJS.ProcessEnv): { wall: number; printed: number } {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['-e', script], { cwd, env, encoding: 'utf8' });
  const wall = performance.now() - started;
  if (result.status !== 0) throw new Error(`node -e "${script}" failed:\n${result.stderr.slice(-2000)}`);
  return { wall, printed: Number(result.stdout.trim().split('\n').pop()) };
}

/**
 * Requires the bundle, prints how long that took (measured inside the process) and exits at once: the load
 * is measured, not work a handler starts in the background.
 */
const requireScript = (file: string) =>
  `const t=performance.now();require(${JSON.stringify(file)});console.log(performance.now()-t);process.exit(0)`;

async function main(): Promise<void> {
  const missing = targets.some((t) => !existsSync(join(packageDir, `${t.fn}.zip`)));
  if (missing || process.argv.includes('--package')) {
    const packaged = await packageService({ isolated: false });
    console.log(`packaged with osls in ${packaged.seconds.toFixed(1)} s`);
  }
  const template = JSON.parse(
    readFileSync(join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8'),
  ) as CloudFormationTemplate;
  console.log(
    `node ${process.version}, ${runs} runs each, medians; load = node -e "require(handler)" minus node -e ""`,
  );
  console.log('function   zipped      unzipped     load       vs empty node   require()  targets');
  for (const target of targets) {
    const dir = join(workDir, target.fn);
    const zipPath = join(packageDir, `${target.fn}.zip`);
    const sizes = { zipped: readFileSync(zipPath).length, unzipped: extractZip(zipPath, dir) };
    const handler = String(prop(template.Resources[target.logicalId], 'Properties', 'Handler'));
    const file = `./${handler.slice(0, handler.lastIndexOf('.'))}.js`;
    const env = lambdaEnv(template, target.logicalId);
    const empty: number[] = [];
    const loaded: number[] = [];
    const inside: number[] = [];
    for (let i = 0; i < runs; i++) {
      empty.push(timeNode('process.exit(0)', dir, env).wall);
      const run = timeNode(requireScript(file), dir, env);
      loaded.push(run.wall);
      inside.push(run.printed);
    }
    const base = median(empty);
    const delta = median(loaded) - base;
    const sizeOk = sizes.zipped <= target.maxZippedKb * 1024;
    const loadOk = delta <= target.maxLoadMs;
    console.log(
      `${target.fn.padEnd(10)} ${kb(sizes.zipped).padEnd(11)} ${kb(sizes.unzipped).padEnd(12)} ` +
        `+${delta.toFixed(0)} ms`.padEnd(11) +
        `x${(median(loaded) / base).toFixed(2)} (${base.toFixed(0)} ms)`.padEnd(16) +
        `${median(inside).toFixed(0)} ms`.padEnd(11) +
        `${sizeOk ? 'ok' : 'OVER'} <${target.maxZippedKb} KB, ${loadOk ? 'ok' : 'OVER'} <+${target.maxLoadMs} ms`,
    );
  }
}

await main();
