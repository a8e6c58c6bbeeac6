/** Per-emulator state shared by every service object: the script's realm, the call counter, the recorders. */

export interface Counter {
  calls: number;
  byMethod: Record<string, number>;
  cellsRead: number;
  cellsWritten: number;
  reset(): void;
}

export interface UiRecord {
  alerts: { title: string | null; prompt: string; buttons: string }[];
  prompts: { title: string | null; prompt: string; buttons: string }[];
  toasts: { message: string; title: string; timeoutSeconds: number }[];
  sidebars: { title: string; width: number; html: string }[];
  menus: { name: string; items: { caption: string; functionName: string }[] }[];
  dialogs: { title: string; width: number; height: number; html: string; modal: boolean }[];
}

export const DEFAULT_FAILURE = 'Service Spreadsheets failed while accessing document';

export class Env {
  realmDate: DateConstructor = Date;
  realmError: ErrorConstructor = Error;
  readonly counter: Counter = {
    calls: 0,
    byMethod: {},
    cellsRead: 0,
    cellsWritten: 0,
    reset() {
      this.calls = 0;
      this.byMethod = {};
      this.cellsRead = 0;
      this.cellsWritten = 0;
    },
  };
  readonly ui: UiRecord = { alerts: [], prompts: [], toasts: [], sidebars: [], menus: [], dialogs: [] };
  readonly logs: { level: string; args: unknown[] }[] = [];
  private failure: { at: number; message: string } | null = null;

  /** Counts one Sheets call, and throws when it is the one failOnCall chose. */
  countCall(method: string): void {
    const c = this.counter;
    c.calls++;
    c.byMethod[method] = (c.byMethod[method] ?? 0) + 1;
    if (this.failure && --this.failure.at === 0) {
      const { message } = this.failure;
      this.failure = null;
      throw new Error(message);
    }
  }

  failOnCall(n: number, message = DEFAULT_FAILURE): void {
    if (!Number.isInteger(n) || n < 1) throw new RangeError('failOnCall expects n >= 1');
    this.failure = { at: n, message };
  }

  date(ms: number): Date {
    return new this.realmDate(ms);
  }

  /** Errors reach the script as its own realm's Error, as Apps Script's do, so `instanceof Error` holds there. */
  toRealmError(error: unknown): unknown {
    // Errors of the script's own realm are not instanceof the host's Error, so they pass through.
    if (!(error instanceof Error) || this.realmError === Error) return error;
    const converted = new this.realmError(error.message);
    if (error.stack) converted.stack = error.stack;
    return converted;
  }
}

/** Anything handed to the script carries its Env, so wrapped methods can count and translate errors. */
export interface HasEnv {
  readonly env: Env;
}

/**
 * Wraps every prototype method of a class handed to the script: errors become realm errors and,
 * for Sheets objects, each call is counted under `${label}.${method}` (except the `uncounted`
 * ones). Methods of these classes therefore never call each other; shared logic lives in plain
 * functions.
 */
export function expose(cls: { prototype: object }, label: string, counted: boolean, uncounted: readonly string[] = []): void {
  const proto = cls.prototype as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const original = proto[name];
    if (name === 'constructor' || typeof original !== 'function') continue;
    const method = `${label}.${name}`;
    Object.defineProperty(proto, name, {
      configurable: true,
      writable: true,
      value: function (this: HasEnv, ...args: unknown[]): unknown {
        try {
          if (counted && !uncounted.includes(name)) this.env.countCall(method);
          return (original as (...a: unknown[]) => unknown).apply(this, args);
        } catch (error) {
          throw this.env.toRealmError(error);
        }
      },
    });
  }
}
