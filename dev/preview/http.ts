/**
 * The preview's web server: the spreadsheet page, a JSON API over one Preview session, and the
 * sidebars the add-on shows, each with google.script.run bridged back here, and a stream of
 * server-sent events telling every open page when the workbook changed. Listens on
 * 127.0.0.1 only, and answers only requests addressed to it by that name (no DNS rebinding) with
 * a JSON content type (which a page of another origin cannot send without asking first).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import * as esbuild from 'esbuild';
import { Preview } from './preview';

export interface ServerOptions {
  /** The project folder: the page sources are found from it. */
  root: string;
  /** The built add-on; default root/dist. */
  distDir?: string;
  /** 0 picks a free port. */
  port: number;
  workbookPath: string;
  fresh?: boolean;
}

export interface PreviewServer {
  url: string;
  notice: string | null;
  /** Writes the workbook file now if a change is waiting to be saved. */
  flush(): void;
  /** Stops the server, the workbook saved. */
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const PAGE_DIR = 'dev/preview/page';
const MAX_BODY = 10 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The page and its style, and its script and the sidebar bridge compiled from TypeScript, when the server starts. */
async function compilePage(root: string): Promise<Record<string, string>> {
  const dir = join(root, PAGE_DIR);
  const result = await esbuild.build({
    entryPoints: { page: join(dir, 'page.ts'), bridge: join(dir, 'bridge.ts') },
    bundle: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    outdir: 'out',
    logLevel: 'warning',
  });
  const files = Object.fromEntries(result.outputFiles.map((f) => [basename(f.path), f.text]));
  for (const name of ['index.html', 'page.css']) files[name] = readFileSync(join(dir, name), 'utf8');
  return files;
}

/** Puts the bridge first in the sidebar's head, so google.script.run exists before the sidebar's own scripts run. */
function withBridge(html: string, bridge: string, functions: string[]): string {
  const names = JSON.stringify(functions).replace(/&/g, '&amp;').replace(/'/g, '&#39;');
  const script = `<script data-functions='${names}'>${bridge}</script>`;
  const at = /<head[^>]*>/i.exec(html) ?? /<!doctype[^>]*>/i.exec(html);
  const index = at ? at.index + at[0].length : 0;
  return html.slice(0, index) + script + html.slice(index);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(new HttpError(413, 'The request is too large.'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new HttpError(400, `${name} must be a string.`);
  return value;
}

function parseJson(body: string): Record<string, unknown> {
  try {
    const value = JSON.parse(body) as unknown;
    if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new HttpError(400, 'The request body must be a JSON object.');
}

function rowsOf(value: unknown): string[][] {
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    !value.every((r) => Array.isArray(r) && r.length > 0 && r.every((c) => typeof c === 'string'))
  ) {
    throw new HttpError(400, 'rows must be a non-empty array of non-empty arrays of strings.');
  }
  return value as string[][];
}

export async function startPreviewServer({
  root,
  distDir = join(root, 'dist'),
  port,
  workbookPath,
  fresh,
}: ServerOptions): Promise<PreviewServer> {
  const page = await compilePage(root);
  const preview = Preview.open({ distDir, workbookPath, fresh });
  let allowedHosts: string[] = [];

  function send(res: http.ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
    res.writeHead(status, {
      'content-type': `${type}; charset=utf-8`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...headers,
    });
    res.end(body);
  }

  /** Server-sent events: the workbook's version now, then each new one, so a page never shows a stale workbook for long. */
  function streamVersions(res: http.ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    const tell = (version: number): void => void res.write(`data: ${version}\n\n`);
    tell(preview.version);
    const stop = preview.watch(tell);
    res.on('close', stop);
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!allowedHosts.includes(req.headers.host ?? '')) throw new HttpError(421, 'This server answers only to its own address.');
    const url = new URL(req.url ?? '/', 'http://preview');
    const path = url.pathname;
    if (req.method === 'GET') {
      if (path === '/') return send(res, 200, 'text/html', page['index.html']!, { 'content-security-policy': "default-src 'self'" });
      if (path === '/page.js') return send(res, 200, 'text/javascript', page['page.js']!);
      if (path === '/page.css') return send(res, 200, 'text/css', page['page.css']!);
      if (path === '/api/state') {
        return send(res, 200, 'application/json', JSON.stringify(preview.state(url.searchParams.get('sheet') ?? undefined)));
      }
      if (path === '/api/events') return streamVersions(res);
      const sidebar = /^\/sidebar\/(\d+)$/.exec(path);
      const html = sidebar && preview.sidebarHtml(Number(sidebar[1]));
      if (html) return send(res, 200, 'text/html', withBridge(html, page['bridge.js']!, preview.functions()));
      throw new HttpError(404, 'Not found.');
    }
    if (req.method !== 'POST') throw new HttpError(405, 'Only GET and POST are answered.');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new HttpError(415, 'POST a JSON body.');
    const body = await readBody(req);
    const run = /^\/api\/run\/([A-Za-z_$][\w$]*)$/.exec(path);
    if (run) return send(res, 200, 'application/json', JSON.stringify(preview.run(run[1]!, body)));
    const reply = (() => {
      switch (path) {
        case '/api/open':
          return preview.open();
        case '/api/select': {
          const input = parseJson(body);
          return preview.select(text(input.sheet, 'sheet'), text(input.range, 'range'));
        }
        case '/api/edit': {
          const input = parseJson(body);
          return preview.edit(text(input.sheet, 'sheet'), text(input.range, 'range'), text(input.value, 'value'));
        }
        case '/api/paste': {
          const input = parseJson(body);
          return preview.paste(text(input.sheet, 'sheet'), text(input.range, 'range'), rowsOf(input.rows));
        }
        case '/api/menu':
          return preview.menuItem(text(parseJson(body).functionName, 'functionName'));
        case '/api/call':
          return preview.runFunction(text(parseJson(body).functionName, 'functionName'));
        default:
          throw new HttpError(404, 'Not found.');
      }
    })();
    send(res, 200, 'application/json', JSON.stringify(reply));
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      // A bad sheet name or range from the page is the page's mistake; anything else is a bug here.
      const status = error instanceof HttpError ? error.status : error instanceof RangeError ? 400 : 500;
      if (status === 500) console.error(error);
      send(res, status, 'application/json', JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  allowedHosts = [`${HOST}:${actual}`, `localhost:${actual}`];
  return {
    url: `http://${HOST}:${actual}/`,
    notice: preview.notice,
    flush: () => preview.flush(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        preview.flush();
      }),
  };
}
