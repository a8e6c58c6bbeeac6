// Builds dist/: Code.js (one IIFE plus a top-level function per export of the entry, since Apps
// Script calls only top-level function declarations), Sidebar.html (the sidebar's script and CSS
// inlined: HtmlService serves one file, and the sidebar makes no external request) and appsscript.json.
import * as esbuild from 'esbuild';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';

const ENTRY = 'src/addon/index.ts';
const SIDEBAR = 'src/sidebar/';
const GLOBAL = 'CacwtAddOn';

await mkdir('dist', { recursive: true });

// The export names come from esbuild's own analysis of the entry: no list kept by hand.
const probe = await esbuild.build({
  entryPoints: [ENTRY],
  bundle: true,
  format: 'esm',
  write: false,
  metafile: true,
  outdir: 'dist',
  logLevel: 'silent',
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
  minifyIdentifiers: true,
  legalComments: 'none',
  write: false,
  logLevel: 'warning',
});
const stubs = exportNames.map((name) => `function ${name}() { return ${GLOBAL}.${name}.apply(this, arguments); }`).join('\n');
await writeFile('dist/Code.js', `${server.outputFiles[0].text}\n${stubs}\n`);
await copyFile('appsscript.json', 'dist/appsscript.json');

const client = await esbuild.build({
  entryPoints: [`${SIDEBAR}main.ts`],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  write: false,
  logLevel: 'warning',
});
const css = await esbuild.transform(await readFile(`${SIDEBAR}sidebar.css`, 'utf8'), { loader: 'css', minify: true });
const script = client.outputFiles[0].text.trim();
// esbuild escapes "</script" inside strings; this guards the inlining against any other way in.
if (/<\/script/i.test(script)) throw new Error('The sidebar script contains "</script": it cannot be inlined.');
const page = (await readFile(`${SIDEBAR}Sidebar.html`, 'utf8'))
  .replace('/* SIDEBAR_CSS */', () => css.code.trim())
  .replace('/* SIDEBAR_JS */', () => script);
await writeFile('dist/Sidebar.html', page);

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const size = (await readFile('dist/Code.js')).length;
console.log(`dist/Code.js ${kb(size)}, ${exportNames.length} entry points: ${exportNames.join(', ')}`);
console.log(`dist/Sidebar.html ${kb(Buffer.byteLength(page))}`);
