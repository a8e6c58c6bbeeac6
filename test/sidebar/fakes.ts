/**
 * Stand-ins for the browser, enough for the sidebar's logic: google.script.run as Apps Script
 * provides it (handlers called later, arguments and results passed as JSON), and a minimal DOM
 * whose HTML-parsing entry points throw, so a test fails if the sidebar ever reaches for them.
 */
import { createServer, type ScriptRun } from '../../src/sidebar/server';

export type Reply = { value: unknown } | { error: Error };

export interface FakeRun {
  run: ScriptRun;
  calls: { name: string; args: unknown[] }[];
}

/** google.script.run answering each call with `reply(name, args)`, asynchronously as Apps Script does. */
export function fakeScriptRun(reply: (name: string, args: unknown[]) => Reply): FakeRun {
  const calls: FakeRun['calls'] = [];
  const runner = (onSuccess?: (value: unknown) => void, onFailure?: (error: unknown) => void): ScriptRun =>
    new Proxy({} as ScriptRun, {
      get: (_target, name) => {
        if (name === 'withSuccessHandler') return (handler: (value: unknown) => void) => runner(handler, onFailure);
        if (name === 'withFailureHandler') return (handler: (error: unknown) => void) => runner(onSuccess, handler);
        return (...args: unknown[]) => {
          calls.push({ name: String(name), args: JSON.parse(JSON.stringify(args)) as unknown[] });
          const answer = reply(String(name), args);
          setTimeout(() => ('error' in answer ? onFailure?.(answer.error) : onSuccess?.(JSON.parse(JSON.stringify(answer.value)))), 0);
        };
      },
    });
  return { run: runner(), calls };
}

/** The sidebar's typed server over a fake google.script.run, and the calls it made. */
export function serverAnswering(reply: (name: string, args: unknown[]) => Reply) {
  const fake = fakeScriptRun(reply);
  return { server: createServer(fake.run), calls: fake.calls };
}

/** Answers every call with the same value (a server result) or error (an Apps Script failure). */
export const always =
  (reply: Reply): ((name: string, args: unknown[]) => Reply) =>
  () =>
    reply;

type Child = FakeElement | string;

export class FakeElement {
  id = '';
  className = '';
  hidden = false;
  checked = false;
  disabled = false;
  parent: FakeElement | null = null;
  children: Child[] = [];
  readonly attributes = new Map<string, string>();
  readonly listeners = new Map<string, (() => void)[]>();

  constructor(readonly tagName: string) {}

  get textContent(): string {
    return this.children.map((c) => (typeof c === 'string' ? c : c.textContent)).join('');
  }

  set textContent(text: string | null) {
    this.children = text ? [text] : [];
  }

  set innerHTML(_html: string) {
    throw new Error('innerHTML used');
  }

  set outerHTML(_html: string) {
    throw new Error('outerHTML used');
  }

  insertAdjacentHTML(): void {
    throw new Error('insertAdjacentHTML used');
  }

  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }

  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }

  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }

  append(...nodes: Child[]): void {
    for (const node of nodes) {
      if (typeof node !== 'string') node.parent = this;
      this.children.push(node);
    }
  }

  replaceChildren(...nodes: Child[]): void {
    this.children = [];
    this.append(...nodes);
  }

  remove(): void {
    if (this.parent) this.parent.children = this.parent.children.filter((c) => c !== this);
    this.parent = null;
  }

  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  dispatch(type: string): void {
    for (const listener of this.listeners.get(type) ?? []) listener();
  }

  click(): void {
    this.dispatch('click');
  }

  /** Every element below this one, depth first. */
  descendants(): FakeElement[] {
    return this.children.flatMap((c) => (typeof c === 'string' ? [] : [c, ...c.descendants()]));
  }
}

/** Installs a document holding only createElement and body; returns it and a way to remove it. */
export function installFakeDocument(): { body: FakeElement; created: FakeElement[]; uninstall(): void } {
  const created: FakeElement[] = [];
  const body = new FakeElement('body');
  const document = {
    body,
    createElement(tag: string) {
      const element = new FakeElement(tag.toLowerCase());
      created.push(element);
      return element;
    },
    write() {
      throw new Error('document.write used');
    },
  };
  const previous = (globalThis as { document?: unknown }).document;
  (globalThis as { document?: unknown }).document = document;
  return {
    body,
    created,
    uninstall: () => {
      (globalThis as { document?: unknown }).document = previous;
    },
  };
}
