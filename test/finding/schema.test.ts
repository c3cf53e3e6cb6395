import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// A subscriber reads the published JSON Schema with any validator; here classic zod's fromJSONSchema.
import { fromJSONSchema } from 'zod';
import {
  FINDING_JSON_SCHEMA_ID,
  FINDING_JSON_SCHEMA_PATH,
  findingJsonSchema,
  renderFindingJsonSchema,
} from '../../src/finding/json-schema';
import { FindingMessageSchema, FindingSchema } from '../../src/finding/schema';
import { aFinding } from '../support/builders';

const committed = () => readFileSync(new URL(`../../${FINDING_JSON_SCHEMA_PATH}`, import.meta.url), 'utf8');
const secretData = { password: 'aHVudGVyMg==' };

describe('FindingSchema', () => {
  it('parses the builder finding unchanged', () => {
    expect(FindingSchema.parse(aFinding())).toEqual(aFinding());
  });

  it("rejects a finding carrying a Secret's data at the top level, naming the key", () => {
    const result = FindingSchema.safeParse({ ...aFinding(), data: secretData });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', keys: ['data'] }),
    ]);
  });

  it('strips unknown keys in nested objects, so Secret values never reach the message', () => {
    const finding = aFinding();
    const parsed = FindingSchema.parse({ ...finding, action: { ...finding.action, stringData: secretData } });
    expect(parsed.action).not.toHaveProperty('stringData');
    expect(JSON.stringify(parsed)).not.toContain(secretData.password);
  });
});

describe('FindingMessageSchema', () => {
  it('reads a finding from a newer producer, dropping the top-level fields it does not know', () => {
    const parsed = FindingMessageSchema.parse({ ...aFinding(), addedInALaterRelease: 'x' });
    expect(parsed).toEqual(aFinding());
  });
});

describe('schema/finding.v1.json', () => {
  it('is what scripts/generate-schema.ts generates now (run `npm run schema` when this fails)', () => {
    expect(committed()).toBe(renderFindingJsonSchema());
  });

  it('carries an $id, a title and a description', () => {
    expect(findingJsonSchema()).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: FINDING_JSON_SCHEMA_ID,
      title: expect.stringContaining('finding'),
      description: expect.stringContaining('SNS'),
    });
  });

  it('lets a subscriber validate findings: accepts added fields, rejects missing or mistyped ones', () => {
    const reader = fromJSONSchema(JSON.parse(committed()));
    const { id: _id, ...withoutId } = aFinding();
    expect(reader.safeParse(aFinding()).success).toBe(true);
    expect(reader.safeParse({ ...aFinding(), addedLater: { x: 1 } }).success).toBe(true);
    expect(reader.safeParse(withoutId).success).toBe(false);
    expect(reader.safeParse(aFinding({ severity: 'urgent' as 'high' })).success).toBe(false);
    expect(reader.safeParse(aFinding({ schemaVersion: 2 as 1 })).success).toBe(false);
  });

  it('lists every top-level field of FindingSchema and requires the non-optional ones', () => {
    const schema = findingJsonSchema() as { properties: object; required: string[] };
    const shape = FindingSchema.shape;
    expect(Object.keys(schema.properties)).toEqual(Object.keys(shape));
    const required = Object.entries(shape)
      .filter(([, field]) => !field.safeParse(undefined).success)
      .map(([key]) => key);
    expect(schema.required).toEqual(required);
  });
});
