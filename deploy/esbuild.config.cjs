'use strict';

/*
 * How each function is bundled: serverless-esbuild reads this file (`custom.esbuild.config` in serverless.yml),
 * and bench/bundles.ts builds with the same options to show what is inside each bundle. The measurements
 * behind each choice are in the README ("Deploy" > "Bundles").
 */

const path = require('node:path');
const { packedRulesPlugin, rulesFileOf } = require('./packed-rules.cjs');

/**
 * Bolt's receivers other than AwsLambdaReceiver never run on Lambda, yet its index and App import them all:
 * Socket Mode's client brings undici (about 540 KB minified), the Express and HTTP receivers bring express,
 * body-parser and iconv-lite (about 700 KB). In the Lambda bundles they are replaced by a stub whose
 * constructor throws, and `raw-body` (only used to read a Node.js HTTP request) by a function that throws.
 * Bolt's index also loads `@slack/oauth` at load, only to re-export its installation stores (the OAuth
 * installer itself lives in the trimmed receivers): the app uses a bot token, never OAuth installation, yet
 * loading it ran jsonwebtoken, semver (which compiles some 40 regular expressions at load), jws, jwa and
 * lodash helpers. In the Lambda bundles its stores are classes whose constructor throws: 80 KB less minified,
 * about -10 ms CPU at load (measured in one interleaved run; see the report in the README).
 * Local runs (`npm start`, Socket Mode) are not bundled and keep everything.
 */
const boltLambdaOnly = {
  name: 'bolt-lambda-only',
  setup(build) {
    const inBolt = (importer) => /[\\/]@slack[\\/]bolt[\\/]dist[\\/]/.test(importer);
    build.onResolve({ filter: /^\.\/receivers\/(SocketMode|Express|HTTP)Receiver$/ }, (args) =>
      inBolt(args.importer) ? { path: args.path, namespace: 'bolt-unused-receiver' } : undefined,
    );
    build.onResolve({ filter: /^raw-body$/ }, (args) =>
      inBolt(args.importer) ? { path: 'raw-body', namespace: 'bolt-unused-receiver' } : undefined,
    );
    build.onResolve({ filter: /^@slack\/oauth$/ }, (args) =>
      inBolt(args.importer) ? { path: '@slack/oauth', namespace: 'bolt-unused-oauth' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'bolt-unused-oauth' }, () => ({
      contents:
        'class Unavailable { constructor() { throw new Error("@slack/oauth is not in the Lambda bundle (deploy/esbuild.config.cjs)"); } }\n' +
        'module.exports = { FileInstallationStore: Unavailable, MemoryInstallationStore: Unavailable };\n',
      loader: 'js',
    }));
    build.onLoad({ filter: /.*/, namespace: 'bolt-unused-receiver' }, (args) => ({
      contents:
        `const name = ${JSON.stringify(path.basename(args.path))};\n` +
        'function unavailable() { throw new Error(name + " is not in the Lambda bundle (deploy/esbuild.config.cjs)"); }\n' +
        'class Unavailable { constructor() { unavailable(); } }\n' +
        'module.exports = name === "raw-body" ? unavailable : { __esModule: true, default: Unavailable };\n',
      loader: 'js',
    }));
  },
};

/**
 * The Teams SDK's App imports Express for its own HTTP server (`ExpressAdapter`, and the deprecated
 * `HttpPlugin`), and Express brings body-parser, raw-body and iconv-lite's encoding tables (about 740 KB
 * minified). On Lambda the App is given our `httpServerAdapter` (src/teams/lambda-adapter.ts) and constructs
 * neither, so in the Lambda bundles `express`, when the SDK imports it, is a function that throws if called.
 * The SDK's HTTP client, axios, imports `form-data` (with mime-types' database, about 140 KB) for multipart
 * uploads; the bot only sends JSON, so in the Teams function's bundle (only there: the Slack Web API client
 * uses axios too) `form-data`, when axios imports it, is a class that throws if constructed. And the SDK's
 * ESM files import axios's ESM build while its CommonJS files import the CommonJS one: there, both get the
 * CommonJS build (about 90 KB less, and one `AxiosHeaders` class). Together: 2,298 KB -> 1,317 KB minified.
 * The same split doubled `@opentelemetry/api` and the SDK's own `@microsoft/teams.common` (the SDK's ESM files
 * import their ESM builds, its CommonJS files their CommonJS builds): they too get the CommonJS build alone,
 * about 17 KB less (OpenTelemetry keeps its state on a global symbol, so one copy or two share it anyway).
 * test/deploy/teams-bundle.test.ts drives the bundled Teams function with signed requests.
 */
const teamsLambdaOnly = {
  name: 'teams-lambda-only',
  setup(build) {
    const slashes = (file) => file.split(/[\\/]/).join('/');
    const inPackage = (name, importer) => slashes(importer).includes(`/node_modules/${name}/`);
    // The entry files, or the name given to stdin (bench/bundle-floors.ts builds the Teams floor that way).
    const entries = [build.initialOptions.entryPoints ?? [], build.initialOptions.stdin?.sourcefile ?? []]
      .flat()
      .map((e) => slashes(String(e.in ?? e)));
    const teamsFunction = entries.some((entry) => entry.includes('src/teams/'));
    build.onResolve({ filter: /^express$/ }, (args) =>
      inPackage('@microsoft/teams.apps', args.importer)
        ? { path: 'express', namespace: 'teams-unused' }
        : undefined,
    );
    build.onResolve({ filter: /^form-data$/ }, (args) =>
      teamsFunction && inPackage('axios', args.importer)
        ? { path: 'form-data', namespace: 'teams-unused' }
        : undefined,
    );
    build.onResolve({ filter: /^(axios|@opentelemetry\/api|@microsoft\/teams\.common)$/ }, (args) =>
      teamsFunction ? { path: require.resolve(args.path) } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'teams-unused' }, (args) => ({
      contents:
        `const name = ${JSON.stringify(args.path)};\n` +
        'function unavailable() { throw new Error(name + " is not in the Lambda bundle (deploy/esbuild.config.cjs)"); }\n' +
        'class Unavailable { constructor() { unavailable(); } }\n' +
        'module.exports = name === "express" ? Object.assign(unavailable, { json: unavailable, static: unavailable }) : Unavailable;\n',
      loader: 'js',
    }));
  },
};

/**
 * On Lambda the execution role's credentials are always in the environment (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), and the SDK's default chain takes them from there first. The rest
 * of the chain (SSO, shared ini files, web identity, container and instance metadata, and the STS/SSO clients
 * they bring) never runs on Lambda; the Lambda bundles use the environment provider alone.
 */
const credentialsFromEnvironment = {
  name: 'credentials-from-environment',
  setup(build) {
    build.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, (args) => ({
      path: args.path,
      namespace: 'credentials-from-environment',
      pluginData: { resolveDir: args.resolveDir },
    }));
    build.onLoad({ filter: /.*/, namespace: 'credentials-from-environment' }, (args) => ({
      contents:
        'import { fromEnv } from "@aws-sdk/credential-provider-env";\n' +
        'export const defaultProvider = (init = {}) => fromEnv(init);\n',
      resolveDir: args.pluginData.resolveDir,
      loader: 'js',
    }));
  },
};

/**
 * The AWS SDK's protocols load `@smithy/core/event-streams` with a dynamic `import()` when an operation
 * streams events (Bedrock, Transcribe, Lambda's InvokeWithResponseStream...), and the Lambda client's config
 * makes an event-stream marshaller at construction. None of the operations the functions call has an
 * event-stream member (SNS Publish/PublishBatch, DynamoDB GetItem/PutItem/UpdateItem/Query, SSM
 * GetParameter(s), Lambda Invoke), so the codec (eventstream-codec, EventStreamSerde, the universal and Node
 * marshallers, about 19 KB minified) is never run. Worse, that one dynamic import makes esbuild wrap every
 * @smithy/core module it reaches in a lazy initializer, which keeps whole submodules (the `checksum` index with
 * its CRC32 class and `node:zlib`, MD5, hashers) and runs their initializers at load. Here the module is
 * replaced by one whose marshaller and serde throw if they are ever used: the SNS-only bundle drops from
 * 171 KB to 152 KB minified, with no lazy initializers left. test/deploy/sdk-bundle.test.ts calls each
 * client and operation the functions use through the trimmed SDK.
 */
const sdkWithoutEventStreams = {
  name: 'sdk-without-event-streams',
  setup(build) {
    build.onResolve({ filter: /^@smithy\/core\/event-streams$/ }, (args) => ({
      path: args.path,
      namespace: 'sdk-without-event-streams',
    }));
    build.onLoad({ filter: /.*/, namespace: 'sdk-without-event-streams' }, () => ({
      contents:
        'function unavailable() { throw new Error("AWS SDK event streams are not in the Lambda bundle (deploy/esbuild.config.cjs)"); }\n' +
        'export class EventStreamSerde { constructor() { unavailable(); } }\n' +
        'export const eventStreamSerdeProvider = () => ({ serialize: unavailable, deserialize: unavailable });\n' +
        'export const resolveEventStreamSerdeConfig = (input) =>\n' +
        '  Object.assign(input, { eventStreamMarshaller: input.eventStreamSerdeProvider(input) });\n',
      loader: 'js',
    }));
  },
};

/**
 * axios (the Teams SDK's HTTP client) does two things at load that make Node.js load its internal fetch
 * implementation (undici, which `FormData`, `Request` and `Response` are lazy globals of) at cold start:
 * it reads `globalThis.FormData` to recognise native FormData bodies by `instanceof`, and it calls its fetch
 * adapter's `getFetch()` once to seed a cache, building test `Request`s. Neither is needed: a native FormData
 * is still recognised by axios's own fallback test (`append` method, `[object FormData]` tag), the bot only
 * sends JSON, axios uses its `http` adapter on Node.js, and `getFetch(config)` seeds the same cache on demand
 * if the fetch adapter is ever chosen. In the Lambda bundles those two statements of axios's CommonJS build
 * (the only axios build they hold) are rewritten; if axios's source changes so that either is not found, the
 * build fails. Measured: -30..-40 ms CPU at load of the Teams function here (Node 20; one interleaved run of
 * 25), nothing in size.
 */
const axiosWithoutFetchProbes = {
  name: 'axios-without-fetch-probes',
  setup(build) {
    const fs = require('node:fs');
    const rewrites = [
      [
        /^const FormDataCtor = typeof G\.FormData !== 'undefined' \? G\.FormData : undefined;$/m,
        'const FormDataCtor = undefined;',
      ],
      [/^getFetch\(\);$/m, ''],
    ];
    build.onLoad(
      { filter: /[\\/]node_modules[\\/]axios[\\/]dist[\\/]node[\\/]axios\.cjs$/ },
      async (args) => {
        let source = await fs.promises.readFile(args.path, 'utf8');
        for (const [statement, replacement] of rewrites) {
          if (!statement.test(source)) {
            throw new Error(
              `${args.path}: ${statement} not found (axios changed? see deploy/esbuild.config.cjs)`,
            );
          }
          source = source.replace(statement, `${replacement} // rewritten by deploy/esbuild.config.cjs`);
        }
        return { contents: source, loader: 'js' };
      },
    );
  },
};

/**
 * jsonwebtoken (the Teams SDK's token validation, and MSAL's) loads all of `semver` (29 KB minified; its
 * regular expressions and range classes are built at load) for three checks of the Node.js version when it
 * loads: `>=15.7.0`, `>=16.9.0` and `^6.12.0 || >=8.0.0`. In the Lambda bundles, `semver` as jsonwebtoken
 * imports it is a `satisfies` that answers exactly those three (on any Node.js from 8 on, which is all this
 * ever runs on) and throws on any other range. Measured: the Teams bundle 29 KB smaller and -14 ms CPU
 * at load (one interleaved run of 25). test/deploy/teams-bundle.test.ts verifies real signed tokens
 * through the bundled jsonwebtoken.
 */
const jsonwebtokenWithoutSemver = {
  name: 'jsonwebtoken-without-semver',
  setup(build) {
    build.onResolve({ filter: /^semver$/ }, (args) =>
      /[\\/]node_modules[\\/]jsonwebtoken[\\/]/.test(args.importer)
        ? { path: 'semver', namespace: 'jsonwebtoken-semver' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'jsonwebtoken-semver' }, () => ({
      contents:
        'const minimum = { ">=15.7.0": [15, 7], ">=16.9.0": [16, 9], "^6.12.0 || >=8.0.0": [8, 0] };\n' +
        'exports.satisfies = (version, range) => {\n' +
        '  const min = minimum[range];\n' +
        '  if (!min) throw new Error("semver.satisfies(" + range + ") is not in the Lambda bundle (deploy/esbuild.config.cjs)");\n' +
        '  const [major, minor] = String(version).replace(/^v/, "").split(".").map(Number);\n' +
        '  return major > min[0] || (major === min[0] && minor >= min[1]);\n' +
        '};\n',
      loader: 'js',
    }));
  },
};

/**
 * Each AWS SDK client describes its whole service in one generated module, `schemas/schemas_0.js`: a schema
 * (an array literal) per operation, structure and error. Two things there cost load time for nothing:
 *
 * - Schemas carry traits as objects with computed keys, `{ [_hH]: _XAEV }`, where `_hH` is a string constant
 *   of the same module. esbuild cannot prove a computed key free of side effects, so it keeps every such
 *   schema, used or not, and all it references: the Lambda client kept the schemas of all its 80-odd
 *   operations (43 KB minified) for our one Invoke. Here those keys are written as the string literals they
 *   stand for (`{ "httpHeader": _XAEV }`, the same object), and esbuild drops the schemas no command uses.
 * - The client registers every error its service models, each with a class and a schema: SSM's 140
 *   (AssociationAlreadyExists, OpsItem..., about 55 KB minified) and Lambda's 57, though the functions only
 *   call SSM GetParameter(s) and Lambda Invoke. Their registrations (`export var X$ = [-3, ...];` then
 *   `registerError(X$, X)`) are kept only for the errors those operations can return, as each command's
 *   documentation lists them (`@throws` in `dist-types/commands/<Name>Command.d.ts`); esbuild then leaves out
 *   the other classes. An error the SDK does not find registered is still thrown, as the client's
 *   ServiceException with the same `name`, `$fault`, `$metadata` and message (only its modeled members are not
 *   read): the code tests SSM and Lambda errors by name or not at all, and none of their errors carries a
 *   retry trait, so the SDK retries as before. The SNS and DynamoDB clients keep all their errors (the code
 *   uses DynamoDB's classes; SNS's are few).
 *
 * The build fails if a command's documentation or a kept registration is not found (the SDK changed).
 * Measured (minified; load in CPU time, one interleaved run each): SSM's errors alone took the notifier from
 * 558 to 503 KB and its compile (vm.Script) 4..10 ms down, load within the noise (-1 ms over 61 runs); the
 * literal keys then took the Slack bundle from 710 to 653 KB (the Lambda client's schemas), -13 ms at load
 * over 31 runs and -9 ms compile, the notifier to 491 KB and Teams from 1,196 to 1,184 KB.
 */
const operationsWeCall = {
  'client-ssm': ['GetParameter', 'GetParameters'],
  'client-lambda': ['Invoke'],
};
const awsSchemasOfOurCalls = {
  name: 'aws-schemas-of-our-calls',
  setup(build) {
    const fs = require('node:fs');
    const schemas = /[\\/]@aws-sdk[\\/](client-[a-z0-9-]+)[\\/]dist-es[\\/]schemas[\\/]schemas_0\.js$/;
    const stringConstant = /^const (_\w+) = ("(?:[^"\\]|\\.)*");$/gm;
    const registration =
      /^export var (\w+)\$ = \[-3, n0, [\s\S]*?\];\nn0_registry\.registerError\(\1\$, \1\);\n/gm;
    const documentedErrors = async (clientDir, operation) => {
      const file = path.join(clientDir, 'dist-types', 'commands', `${operation}Command.d.ts`);
      const names = [...(await fs.promises.readFile(file, 'utf8')).matchAll(/@throws \{@link (\w+)\}/g)];
      if (names.length === 0) throw new Error(`${file}: no @throws found (deploy/esbuild.config.cjs)`);
      return names.map((match) => match[1]);
    };
    const onlyErrorsOf = async (source, file, operations) => {
      const clientDir = path.resolve(path.dirname(file), '..', '..');
      const kept = new Set(
        (await Promise.all(operations.map((op) => documentedErrors(clientDir, op)))).flat(),
      );
      const found = new Set();
      const trimmed = source.replace(registration, (text, name) => {
        if (!kept.has(name)) return '';
        found.add(name);
        return text;
      });
      // The client's base ServiceException (documented too) is registered apart, in its own namespace.
      const missing = [...kept].filter(
        (name) => !found.has(name) && !/^[A-Z]\w*ServiceException$/.test(name),
      );
      if (missing.length > 0 || found.size === 0) {
        throw new Error(`${file}: no registration of ${missing.join(', ')} (deploy/esbuild.config.cjs)`);
      }
      return trimmed;
    };
    build.onLoad({ filter: schemas }, async (args) => {
      let source = await fs.promises.readFile(args.path, 'utf8');
      const strings = new Map([...source.matchAll(stringConstant)].map((match) => [match[1], match[2]]));
      source = source.replace(/\[(_\w+)\]:/g, (key, name) =>
        strings.has(name) ? `${strings.get(name)}:` : key,
      );
      const operations = operationsWeCall[schemas.exec(args.path)[1]];
      if (operations) source = await onlyErrorsOf(source, args.path, operations);
      return { contents: source, loader: 'js' };
    });
  },
};

/** esbuild's own options. */
const esbuildOptions = {
  bundle: true,
  minify: true,
  target: 'node22',
  platform: 'node',
  // CommonJS: Bolt and its dependencies are CommonJS; an ESM bundle would need a createRequire banner.
  format: 'cjs',
  // The ESM builds of the AWS SDK (`module`) tree-shake far better than its CommonJS builds.
  mainFields: ['module', 'main'],
  sourcemap: false,
  // The sources are ESM and may read import.meta.url (src/adapters/fs/rules-file.ts); in a CommonJS bundle
  // import.meta is empty, so point it at the bundle file.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "var __bundleUrl=require('url').pathToFileURL(__filename).href;" },
  // Nothing external: the AWS SDK v3 clients are bundled at the versions package-lock.json pins.
  external: [],
  plugins: [
    boltLambdaOnly,
    teamsLambdaOnly,
    credentialsFromEnvironment,
    sdkWithoutEventStreams,
    axiosWithoutFetchProbes,
    jsonwebtokenWithoutSemver,
    awsSchemasOfOurCalls,
  ],
};

/** serverless-esbuild's options: esbuild's plus its own. */
const serverlessEsbuildOptions = {
  ...esbuildOptions,
  // Its default excludes `aws-sdk` (v2, absent from nodejs22.x); nothing is excluded, so nothing is installed.
  exclude: [],
  keepOutputDirectory: false,
};

/**
 * What serverless-esbuild calls with the service: the options above, plus the ingest function's `rulesFile`
 * packed into its bundle (deploy/packed-rules.cjs).
 */
module.exports = (serverless) => ({
  ...serverlessEsbuildOptions,
  plugins: [
    ...esbuildOptions.plugins,
    packedRulesPlugin(serverless.serviceDir ?? serverless.config.servicePath, rulesFileOf(serverless)),
  ],
});
module.exports.esbuildOptions = esbuildOptions;
