// Builds dist/: Code.js (one IIFE plus a top-level function per export of the entry, since Apps
// Script calls only top-level function declarations) and appsscript.json.
import * as esbuild from 'esbuild';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';

const ENTRY = 'src/addon/index.ts';
const GLOBAL = 'CacwtAddOn';

await mkdir('dist', { recursive: true });

// The export names come from esbuild's own analysis of the entry: no list kept by hand.
const probe = await esbuild.build({
  entryPoints: [ENTRY], bundle: true, format: 'esm', write: false, metafile: true, outdir: 'dist', logLevel: 'silent',
});
const exportNames = Object.values(probe.metafile.outputs).find((o) => o.entryPoint === ENTRY).exports;

const server = await esbuild.build({
  entryPoints: [ENTRY],
  bundle: true,
  format: 'iife',
  globalName: GLOBAL,
  platform: 'browser',
  target: 'es2020',
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'none',
  write: false,
  logLevel: 'warning',
});
const stubs = exportNames
  .map((name) => `function ${name}() { return ${GLOBAL}.${name}.apply(this, arguments); }`)
  .join('\n');
await writeFile('dist/Code.js', `${server.outputFiles[0].text}\n${stubs}\n`);
await copyFile('appsscript.json', 'dist/appsscript.json');

const size = (await readFile('dist/Code.js')).length;
console.log(`dist/Code.js ${(size / 1024).toFixed(1)} KB, ${exportNames.length} entry points: ${exportNames.join(', ')}`);
