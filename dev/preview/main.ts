/** `npm start`: the add-on in a spreadsheet-like page on 127.0.0.1. PORT picks the port; --fresh starts over from the sample. */
import { join } from 'node:path';
import { startPreviewServer } from './http';

const root = process.cwd();
const port = Number(process.env.PORT ?? 8080);
const workbookPath = join(root, '.local', 'workbook.json');

try {
  const server = await startPreviewServer({ root, port, workbookPath, fresh: process.argv.includes('--fresh') });
  if (server.notice) console.warn(`\n${server.notice}\n`);
  console.log(`CACWT Partner Accounts preview, workbook ${workbookPath}:\n  ${server.url}\n(Ctrl+C stops it and saves the workbook.)`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void server.close().then(() => process.exit(0)));
  }
} catch (error) {
  const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
  console.error(inUse ? `Port ${port} is in use: run with another, e.g. PORT=8081 npm start.` : error);
  process.exit(1);
}
