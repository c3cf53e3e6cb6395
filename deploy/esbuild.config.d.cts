import type { BuildOptions } from 'esbuild';

/** Types of deploy/esbuild.config.cjs (serverless-esbuild loads the .cjs; tests and benches import it). */

/** serverless-esbuild's options (esbuild's plus `exclude` and the like). */
declare function serverlessEsbuildOptions(serverless: unknown): BuildOptions & Record<string, unknown>;
declare namespace serverlessEsbuildOptions {
  /** esbuild's own options, for building a handler directly. */
  const esbuildOptions: BuildOptions;
}
export = serverlessEsbuildOptions;
