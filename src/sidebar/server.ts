/**
 * google.script.run as Promises, typed from the server's `api` object (type only: no server code
 * reaches the sidebar bundle). A misspelt function or a wrong argument fails tsc, and both ways a
 * call can fail resolve to the same `{ ok: false, error }` shape, so every caller handles both.
 */
import type { Api } from '../addon/api';

/** What the failure handler gets: Apps Script errors such as a timeout or a lost connection. */
export interface ScriptFailure {
  ok: false;
  error: { code: 'SCRIPT_ERROR'; message: string };
  problems?: undefined;
}

export type Server = {
  [Name in keyof Api]: (...args: Parameters<Api[Name]>) => Promise<ReturnType<Api[Name]> | ScriptFailure>;
};

/** The part of google.script.run the sidebar uses: the standard handler chain, then a call by name. */
export interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: unknown) => void): ScriptRun;
}

function scriptFailure(error: unknown): ScriptFailure {
  const reason =
    error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)
      ? String((error as { message: unknown }).message)
      : String(error);
  return {
    ok: false,
    error: { code: 'SCRIPT_ERROR', message: `Apps Script did not finish (${reason}). Check the tabs, then try again.` },
  };
}

export function createServer(run: ScriptRun): Server {
  return new Proxy({} as Server, {
    get:
      (_target, name) =>
      (...args: unknown[]) =>
        new Promise((resolve) => {
          const runner = run.withSuccessHandler(resolve).withFailureHandler((error) => resolve(scriptFailure(error)));
          (runner as unknown as Record<string, (...callArgs: unknown[]) => void>)[String(name)]?.(...args);
        }),
  });
}
