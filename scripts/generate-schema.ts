/**
 * Writes the finding's JSON Schema, generated from the zod schema, to `schema/finding.v1.json`.
 * Run with `npm run schema` after changing `src/finding/schema.ts`; a test fails while the file is stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FINDING_JSON_SCHEMA_PATH, renderFindingJsonSchema } from '../src/finding/json-schema';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = resolve(root, FINDING_JSON_SCHEMA_PATH);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, renderFindingJsonSchema());
console.log(`wrote ${FINDING_JSON_SCHEMA_PATH}`);
