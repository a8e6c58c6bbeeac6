/**
 * google.script.run and google.script.host for a sidebar served by the preview, injected before
 * the sidebar's own scripts. As in Apps Script, run has one method per public server function
 * (so a misspelt name is a TypeError in the sidebar), calls are asynchronous, a server error goes
 * to the failure handler as an Error, and handlers get the withUserObject value second.
 */
import type { Effects, RunReply } from '../protocol';

type Handler = ((value: unknown, userObject?: unknown) => void) | null;

interface Runner {
  withSuccessHandler(fn: Handler): Runner;
  withFailureHandler(fn: Handler): Runner;
  withUserObject(value: unknown): Runner;
  [serverFunction: string]: (...args: never[]) => unknown;
}

const functions = JSON.parse(document.currentScript?.dataset.functions ?? '[]') as string[];

function tellPage(message: { type: 'preview:ran'; effects: Effects } | { type: 'preview:close' }): void {
  window.parent.postMessage(message, location.origin);
}

function runner(success: Handler, failure: Handler, userObject: unknown): Runner {
  const run: Runner = {
    withSuccessHandler: (fn) => runner(fn, failure, userObject),
    withFailureHandler: (fn) => runner(success, fn, userObject),
    withUserObject: (value) => runner(success, failure, value),
  } as Runner;
  for (const name of functions) {
    run[name] = (...args: unknown[]): void => {
      fetch(`/api/run/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args) })
        .then((response) => response.json() as Promise<RunReply | { error: string }>)
        .then(
          (reply) => {
            if ('effects' in reply) tellPage({ type: 'preview:ran', effects: reply.effects });
            if ('value' in reply) success?.(reply.value, userObject);
            else if (failure) failure(new Error(reply.error), userObject);
            else console.error(reply.error);
          },
          (error: Error) => failure?.(error, userObject),
        );
    };
  }
  return run;
}

Object.assign(window, {
  google: {
    script: {
      run: runner(null, null, undefined),
      host: {
        origin: location.origin,
        close: () => tellPage({ type: 'preview:close' }),
        setHeight: () => undefined,
        setWidth: () => undefined,
        editor: { focus: () => window.parent.focus() },
      },
    },
  },
});
