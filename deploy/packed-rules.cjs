'use strict';

const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

/**
 * The ingest function's rules file, packed at packaging time. The deployed function reads no rules file: its
 * bundle carries the rule set already validated (src/ingest/packaged-rules.ts), so neither the YAML parser nor
 * the rules schema is in it. Two places use this module, in the one osls process:
 * - deploy/plugins/rules-file.cjs checks the file before anything is bundled, so a bad file stops
 *   `package`/`deploy` at once with every problem by rule and field;
 * - the esbuild plugin below puts the packed rule set in the ingest bundle.
 * Both get the same result; the file is read and checked once per content.
 */

/** Packed JSON (or the problems) by service folder, file and content hash. */
const results = new Map();

/**
 * The file the `rulesFile` parameter names, from the ingest function's RULES_FILE as serverless.yml sets it
 * (`!If [HasRulesFile, file, NoValue]`); undefined for the default rules.
 */
function rulesFileOf(serverless) {
  const value = serverless.service.getFunction('ingest').environment?.RULES_FILE;
  const chosen = value && typeof value === 'object' ? value['Fn::If']?.[1] : value;
  return typeof chosen === 'string' && chosen !== '' ? chosen : undefined;
}

/**
 * Validates and packs `rulesFile` (relative to `serviceDir`) with the project's own loader
 * (deploy/check-rules-file.ts under tsx).
 *
 * @returns {{ ok: true, json: string, rules: number } | { ok: false, problems: string }}
 */
function packRulesFile(serviceDir, rulesFile) {
  let content = '';
  try {
    content = fs.readFileSync(path.resolve(serviceDir, rulesFile));
  } catch {
    // check-rules-file reports the missing file in its own words.
  }
  const key = `${serviceDir}\0${rulesFile}\0${createHash('sha256').update(content).digest('hex')}`;
  if (!results.has(key)) {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'check-rules-file.ts'), rulesFile],
      { cwd: serviceDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    results.set(
      key,
      result.status === 0
        ? { ok: true, json: result.stdout.trim(), rules: JSON.parse(result.stdout).rules.length }
        : { ok: false, problems: (result.stderr || result.error?.message || `exit ${result.status}`).trim() },
    );
  }
  return results.get(key);
}

/** The message that stops packaging. */
const failure = (rulesFile, problems) =>
  `rulesFile ${rulesFile} would fail the ingest function:\n${problems}`;

/**
 * An esbuild plugin: in a bundle that imports src/ingest/packaged-rules.ts (the ingest function's), that module
 * becomes the packed `rulesFile`. Without a rulesFile the module stays as it is: the default rules.
 */
function packedRulesPlugin(serviceDir, rulesFile) {
  return {
    name: 'packed-rules',
    setup(build) {
      if (rulesFile === undefined) return;
      build.onLoad({ filter: /[\\/]src[\\/]ingest[\\/]packaged-rules\.ts$/ }, () => {
        const packed = packRulesFile(serviceDir, rulesFile);
        if (!packed.ok) return { errors: [{ text: failure(rulesFile, packed.problems) }] };
        return {
          contents: `export const PACKAGED_RULES = JSON.parse(${JSON.stringify(packed.json)});\n`,
          loader: 'js',
        };
      });
    },
  };
}

module.exports = { rulesFileOf, packRulesFile, packedRulesPlugin, failure };
