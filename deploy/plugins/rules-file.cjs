'use strict';

const { spawnSync } = require('node:child_process');
const path = require('node:path');

/**
 * A local Serverless plugin: when the service is packaged (`package`, `deploy`), the rules file the `rulesFile`
 * parameter names is loaded exactly as the ingest function will load it (deploy/check-rules-file.ts), and a
 * file that cannot be read or is invalid stops the command with every problem named by rule and field. Without
 * it, a broken rules file would deploy, then fail every cold start of the ingest function (its events retried,
 * then parked in the ingest failure queue) until fixed.
 */
class RulesFilePlugin {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = {
      'before:package:createDeploymentArtifacts': () => this.check(),
      'before:deploy:function:packageFunction': () => this.check(),
    };
  }

  /** The file `rulesFile` names, from the ingest function's RULES_FILE (`!If [HasRulesFile, file, NoValue]`). */
  rulesFile() {
    const value = this.serverless.service.getFunction('ingest').environment?.RULES_FILE;
    const chosen = value && typeof value === 'object' ? value['Fn::If']?.[1] : value;
    return typeof chosen === 'string' && chosen !== '' ? chosen : undefined;
  }

  check() {
    const rulesFile = this.rulesFile();
    if (rulesFile === undefined) return;
    const script = path.join(__dirname, '..', 'check-rules-file.ts');
    const result = spawnSync(process.execPath, ['--import', 'tsx', script, rulesFile], {
      cwd: this.serverless.serviceDir,
      encoding: 'utf8',
    });
    if (result.status === 0) {
      this.serverless.cli.log(`rulesFile: ${result.stdout.trim()}`);
      return;
    }
    const problems = (result.stderr || result.error?.message || `exit ${result.status}`).trim();
    throw new this.serverless.classes.Error(
      `rulesFile ${rulesFile} would fail the ingest function:\n${problems}`,
    );
  }
}

module.exports = RulesFilePlugin;
