import * as z from '../shared/zod';
import { FINDING_SCHEMA_VERSION, FindingSchema } from './schema';

/** Where the schema lives in the repository, relative to the project root. */
export const FINDING_JSON_SCHEMA_PATH = `schema/finding.v${FINDING_SCHEMA_VERSION}.json`;

/** A stable identifier that does not depend on where the repository is hosted. */
export const FINDING_JSON_SCHEMA_ID = `urn:eks-audit-bot:schema:finding:v${FINDING_SCHEMA_VERSION}`;

/**
 * The JSON Schema (draft 2020-12) of the finding message, generated from `FindingSchema`, for SNS subscribers.
 *
 * It describes what readers may rely on, so it leaves `additionalProperties` open everywhere: within a schema
 * version fields are only ever added, and a reader validating with this file must accept fields it does not
 * know yet. (The producer is stricter: findings are built by typed code, and the tests hold every finding ingest
 * builds to `FindingSchema`, which rejects unknown top-level keys.)
 *
 * @example
 * const schema = findingJsonSchema();
 * schema.$id; // 'urn:eks-audit-bot:schema:finding:v1'
 */
export function findingJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(FindingSchema, {
    target: 'draft-2020-12',
    io: 'input',
    override: ({ jsonSchema }) => {
      if (jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
    },
  });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: FINDING_JSON_SCHEMA_ID,
    title: `eks-audit-bot finding, schema version ${FINDING_SCHEMA_VERSION}`,
    description:
      'A manual change (or denied attempt) by a person in an Amazon EKS cluster, found in its Kubernetes audit ' +
      'log by eks-audit-bot and published as the JSON Message of an SNS notification. Never contains the ' +
      'values of a Secret or of any data/stringData field. Within a schema version, fields are only ever ' +
      'added, never removed or retyped: ignore fields you do not know.',
    ...rest,
  };
}

/** The schema file's exact text: two-space indented JSON and a final newline. */
export function renderFindingJsonSchema(): string {
  return `${JSON.stringify(findingJsonSchema(), null, 2)}\n`;
}
