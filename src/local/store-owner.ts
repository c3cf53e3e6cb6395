import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EksAuditError } from '../shared/errors';
import * as z from '../shared/zod';

/**
 * Who has the local store open. dynalite keeps its data in LevelDB, which one process at a time may open, so
 * the process that opens it writes `owner.json` in the data folder, with the store's endpoint: another
 * `eks-audit` process (the triage commands while `npm start` runs) talks to that endpoint instead of
 * opening the files. A file left by a process that died is recognised and replaced.
 */
export const StoreOwnerSchema = z.object({
  pid: z.number().check(z.int()).check(z.positive()),
  role: z.enum(['server', 'cli']),
  /** The DynamoDB endpoint of the owner's embedded store; null while it is starting. */
  dynamoEndpoint: z.nullable(z.string().check(z.url())),
  /** The local server's URL (webhook, health), for a server. */
  serverUrl: z.optional(z.string().check(z.url())),
  startedAt: z.string(),
});
/** An owner file, validated. */
export type StoreOwner = z.infer<typeof StoreOwnerSchema>;

/** Another live process has the data folder open (and is not one we can share it with). */
export class StoreInUseError extends EksAuditError {
  override readonly name = 'StoreInUseError';
  constructor(
    readonly owner: StoreOwner,
    dataDir: string,
  ) {
    super(
      'STORE_IN_USE',
      `${dataDir} is in use by another eks-audit process (pid ${owner.pid}, ${owner.role === 'server' ? `eks-audit start${owner.serverUrl ? ` at ${owner.serverUrl}` : ''}` : 'a triage command'}); stop it or use another --data-dir`,
    );
  }
}

/** The owner file of a data folder. */
export function ownerFile(dataDir: string): string {
  return join(dataDir, 'owner.json');
}

/**
 * The owner recorded in the data folder, if its file is readable and valid (liveness not checked).
 *
 * @example
 * const owner = await readOwner('.data'); // { pid: 4242, role: 'server', dynamoEndpoint: 'http://127.0.0.1:40123', ... }
 */
export async function readOwner(dataDir: string): Promise<StoreOwner | undefined> {
  let text: string;
  try {
    text = await readFile(ownerFile(dataDir), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = StoreOwnerSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Claims the data folder: creates the owner file only if there is none (`wx`, atomic), so two processes can
 * never both open the store. Returns false when another owner's file is there.
 */
export async function claimOwner(dataDir: string, owner: StoreOwner): Promise<boolean> {
  try {
    await writeFile(ownerFile(dataDir), `${JSON.stringify(owner)}\n`, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Rewrites our own owner file (once the endpoint is known). */
export async function updateOwner(dataDir: string, owner: StoreOwner): Promise<void> {
  await writeFile(ownerFile(dataDir), `${JSON.stringify(owner)}\n`);
}

/** Removes the owner file if it is still `owner`'s (never another process's). */
export async function releaseOwner(
  dataDir: string,
  owner: Pick<StoreOwner, 'pid' | 'startedAt'>,
): Promise<void> {
  const current = await readOwner(dataDir);
  if (current && (current.pid !== owner.pid || current.startedAt !== owner.startedAt)) return;
  await unlink(ownerFile(dataDir)).catch(() => {});
}

/** Removes a stale owner file (its process is gone). */
export async function removeStaleOwner(dataDir: string): Promise<void> {
  await unlink(ownerFile(dataDir)).catch(() => {});
}

/**
 * Whether the process that wrote `owner` still holds the store: its pid exists and its store answers (a pid
 * alone is not enough: in a container a new process often gets the dead one's pid). An owner still starting
 * (no endpoint yet) counts as live for `startingGraceMs`.
 */
export async function isLiveOwner(owner: StoreOwner, now: Date, startingGraceMs = 30_000): Promise<boolean> {
  if (!pidExists(owner.pid)) return false;
  if (owner.dynamoEndpoint === null) return now.getTime() - Date.parse(owner.startedAt) < startingGraceMs;
  try {
    await fetch(owner.dynamoEndpoint, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
