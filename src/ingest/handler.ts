// placeholder until the ingest handler lands

/** Placeholder Lambda entry point: lets the service package before the real handler exists. */
export async function handler(): Promise<never> {
  throw new Error('not wired yet');
}
