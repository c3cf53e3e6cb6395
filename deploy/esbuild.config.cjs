'use strict';

/*
 * How each function is bundled: serverless-esbuild reads this file (`custom.esbuild.config` in serverless.yml),
 * and bench/bundles.ts builds with the same options to show what is inside each bundle. The measurements
 * behind each choice are in the README ("Deploy" > "Bundles").
 */

const path = require('node:path');

/**
 * zod 4's `z` namespace re-exports every locale (about 40 languages, a quarter of a bundle that uses zod);
 * the functions only ever use the English messages zod configures by default. This replaces zod's
 * `locales/index.js` with a module that exports `en` alone.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]zod[\\/]v4[\\/](classic|core|mini)[\\/]/.test(args.importer)) return undefined;
      return {
        path: path.join(path.dirname(args.importer), '..', 'locales', 'index.js'),
        namespace: 'zod-en',
      };
    });
    build.onLoad({ filter: /.*/, namespace: 'zod-en' }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
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
  plugins: [zodEnglishOnly],
};

/** serverless-esbuild's options: esbuild's plus its own. */
const serverlessEsbuildOptions = {
  ...esbuildOptions,
  // Its default excludes `aws-sdk` (v2, absent from nodejs22.x); nothing is excluded, so nothing is installed.
  exclude: [],
  keepOutputDirectory: false,
};

module.exports = () => serverlessEsbuildOptions;
module.exports.esbuildOptions = esbuildOptions;
