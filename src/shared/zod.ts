import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/*
 * zod for the whole code base: `zod/mini`, the functional, tree-shakable form of zod 4 (`z.optional(s)`,
 * `s.check(z.minLength(1))`, `z.pipe(s, z.transform(f))`), not the classic method-chaining `z`. Same parser,
 * same error messages, but a Lambda bundle carries only the parts it uses: classic zod added about 190 KB to
 * every bundle and 35 ms to loading it (see "Bundles" in the README).
 *
 * zod/mini configures no locale of its own; the English messages are set here, once, before any schema parses.
 */
config(en());

/**
 * Import it as a namespace, `import * as z from '../shared/zod'`: esbuild then resolves each `z.string` to zod's
 * own export, and leaves out everything the code never names.
 */
export * from 'zod/mini';
