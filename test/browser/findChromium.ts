/**
 * Which Chromium the browser tests drive, in this order: CHROMIUM_PATH; the system's Chromium or
 * Chrome; else the Chromium that @sparticuz/chromium ships inside its npm package (a dev
 * dependency, so `npm ci` brings it; Linux x64 only). None of these: one line saying how to get one.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const SYSTEM_BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export interface FoundChromium {
  executablePath: string;
  /** Where it came from, printed once per run. */
  source: string;
}

export async function findChromium(): Promise<FoundChromium> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv))
      throw new Error(`CHROMIUM_PATH is ${fromEnv}, which does not exist: point it at a Chromium or Chrome binary.`);
    return { executablePath: fromEnv, source: 'CHROMIUM_PATH' };
  }
  const system = SYSTEM_BROWSERS.find((path) => existsSync(path));
  if (system) return { executablePath: system, source: 'the system' };
  if (process.platform === 'linux' && process.arch === 'x64') {
    // The package unpacks its binary into the temp folder on first use (about 2 s).
    const require = createRequire(import.meta.url);
    const packaged = require('@sparticuz/chromium') as {
      default?: { executablePath(): Promise<string> };
      executablePath?(): Promise<string>;
    };
    const api = packaged.default ?? packaged;
    if (api.executablePath) return { executablePath: await api.executablePath(), source: '@sparticuz/chromium' };
  }
  throw new Error(
    `No Chromium for the browser tests on ${process.platform}-${process.arch}: install Chromium or Chrome, or set CHROMIUM_PATH to one.`,
  );
}
