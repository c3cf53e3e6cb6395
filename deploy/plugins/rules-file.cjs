'use strict';

const { failure, packRulesFile, rulesFileOf } = require('../packed-rules.cjs');

/**
 * A local Serverless plugin: when the service is packaged (`package`, `deploy`), the rules file the `rulesFile`
 * parameter names is validated and packed as the ingest bundle will carry it (deploy/packed-rules.cjs), before
 * any function is bundled, and a file that cannot be read or is invalid stops the command with every problem
 * named by rule and field. The esbuild plugin of the same module then reuses the result.
 */
class RulesFilePlugin {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = {
      'before:package:createDeploymentArtifacts': () => this.check(),
      'before:deploy:function:packageFunction': () => this.check(),
    };
  }

  check() {
    const rulesFile = rulesFileOf(this.serverless);
    if (rulesFile === undefined) return;
    const packed = packRulesFile(this.serverless.serviceDir, rulesFile);
    if (!packed.ok) throw new this.serverless.classes.Error(failure(rulesFile, packed.problems));
    this.serverless.cli.log(`rulesFile: ${rulesFile}: ${packed.rules} rules, packed into the ingest bundle`);
  }
}

module.exports = RulesFilePlugin;
