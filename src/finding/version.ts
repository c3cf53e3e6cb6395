/**
 * The finding message's schema version (`schemaVersion`). Within a version, fields are only ever added, never
 * removed or retyped; readers reject a message of another version rather than misread it.
 */
export const FINDING_SCHEMA_VERSION = 1 as const;
