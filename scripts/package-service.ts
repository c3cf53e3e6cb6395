import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Packages the service with osls, offline and without AWS credentials, and returns the CloudFormation
 * template it generated. Used by the template test, `bench/bundles.ts` and `npm run package:aws`.
 */

/** The project root (this file lives in scripts/). */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** What the service's package step reads, copied into an isolated directory (node_modules is linked). */
const serviceInputs = ['serverless.yml', 'package.json', 'tsconfig.json', 'deploy', 'src', 'rules'] as const;

export interface PackageOptions {
  readonly stage?: string;
  readonly region?: string;
  /** `--param name=value` for each entry. */
  readonly params?: Readonly<Record<string, string>>;
  /**
   * Package a private copy of the service in a temporary directory (default), so concurrent runs (two test
   * processes, a helper's `npm test`) never share osls's and esbuild's work folders. `false` packages in place
   * into the project's `.serverless/`.
   */
  readonly isolated?: boolean;
  /** Files to add to the isolated copy before packaging, by path relative to the service (e.g. a rules file). */
  readonly files?: Readonly<Record<string, string>>;
}

export interface PackagedService {
  /** The folder holding the zips and the templates. */
  readonly outDir: string;
  readonly template: CloudFormationTemplate;
  /** Wall-clock seconds the osls run took. */
  readonly seconds: number;
  /** Removes the temporary copy (no-op for an in-place package). */
  cleanup(): Promise<void>;
}

/** The parts of a CloudFormation template the checks read. */
export interface CloudFormationTemplate {
  readonly Resources: Record<
    string,
    { Type: string; Properties?: Record<string, unknown>; [k: string]: unknown }
  >;
  readonly Conditions?: Record<string, unknown>;
  readonly Outputs?: Record<string, unknown>;
}

/**
 * Runs `osls package` and reads `cloudformation-template-update-stack.json`.
 *
 * @example
 * const packaged = await packageService({ stage: 'test' });
 * try { console.log(Object.keys(packaged.template.Resources)); } finally { await packaged.cleanup(); }
 */
export async function packageService(options: PackageOptions = {}): Promise<PackagedService> {
  const isolated = options.isolated ?? true;
  if (options.files && !isolated) throw new Error('packageService: files are only added to an isolated copy');
  const workDir = isolated ? await isolatedCopy(options.files ?? {}) : projectRoot;
  const outDir = isolated ? join(workDir, 'out') : join(projectRoot, '.serverless');
  const args = ['package', '--stage', options.stage ?? 'test', '--region', options.region ?? 'us-east-1'];
  if (isolated) args.push('--package', outDir);
  for (const [name, value] of Object.entries(options.params ?? {})) args.push('--param', `${name}=${value}`);
  const started = performance.now();
  try {
    await runOsls(workDir, args);
    const template = JSON.parse(
      await readFile(join(outDir, 'cloudformation-template-update-stack.json'), 'utf8'),
    ) as CloudFormationTemplate;
    const seconds = (performance.now() - started) / 1000;
    const cleanup = async () => {
      if (isolated) await rm(workDir, { recursive: true, force: true });
    };
    return { outDir, template, seconds, cleanup };
  } catch (error) {
    if (isolated) await rm(workDir, { recursive: true, force: true });
    throw error;
  }
}

async function isolatedCopy(files: Readonly<Record<string, string>>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'eks-audit-package-'));
  for (const input of serviceInputs) {
    await cp(join(projectRoot, input), join(dir, input), { recursive: true });
  }
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  await symlink(join(projectRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Environment for osls: no credentials, no profile, nothing that could reach AWS. */
function offlineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
  };
  for (const name of Object.keys(env)) {
    if (
      /^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|PROFILE|DEFAULT_PROFILE|REGION|DEFAULT_REGION)$/.test(
        name,
      )
    ) {
      delete env[name];
    }
  }
  return env;
}

function runOsls(cwd: string, args: readonly string[]): Promise<void> {
  const bin = join(projectRoot, 'node_modules', 'osls', 'bin', 'serverless.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: offlineEnv(), stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`osls ${args.join(' ')} exited with ${code}:\n${output.slice(-4000)}`));
    });
  });
}
