// Bundles bench/bench.ts for Node (esbuild, already a dependency) and runs it.
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: ['bench/bench.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['esbuild', 'gas-local', 'papaparse', 'csv-stringify'],
  outfile: '.bench/bench.mjs',
  logLevel: 'warning',
});
await import(new URL('../.bench/bench.mjs', import.meta.url).href);
