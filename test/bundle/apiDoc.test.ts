/**
 * docs/api.md is the contract tests outside the project call: every function it names is a
 * top-level function of the built bundle, and every top-level function of the bundle is named there.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABS, bundleSource, loadAddOn } from './harness';

/** Function names as api.md writes them: `name(` in code spans. */
function namedInApiDoc(): Set<string> {
  const doc = readFileSync(resolve('docs/api.md'), 'utf8');
  return new Set([...doc.matchAll(/`([a-z][A-Za-z]+)\(/g)].map((m) => m[1] as string));
}

/** Top-level function declarations of dist/Code.js, as Apps Script sees them. */
function topLevelFunctions(): Set<string> {
  return new Set([...bundleSource().matchAll(/^function ([A-Za-z_$][\w$]*)\(/gm)].map((m) => m[1] as string));
}

describe('docs/api.md and the bundle', () => {
  it('every function api.md names is a top-level function of the bundle', () => {
    const { addon } = loadAddOn();
    const top = topLevelFunctions();
    for (const name of namedInApiDoc()) {
      expect(top.has(name), `${name} is named in docs/api.md`).toBe(true);
      expect(typeof (addon as unknown as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('every top-level function of the bundle is named in api.md', () => {
    const named = namedInApiDoc();
    expect([...topLevelFunctions()].filter((name) => !named.has(name))).toEqual([]);
  });

  it('names the tabs as the add-on does: the exact names of its "Tabs" table are those of core/tabs.ts', () => {
    const doc = readFileSync(resolve('docs/api.md'), 'utf8');
    const table = doc.slice(doc.indexOf('## Tabs'), doc.indexOf('\n\n', doc.indexOf('| tab |')));
    const names = [...table.matchAll(/^\| [^|]+ \| `([^`]+)` \|$/gm)].map((m) => m[1]);
    expect(names).toEqual(Object.values(TABS));
  });
});
