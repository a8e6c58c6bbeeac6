/**
 * The boundary: every argument is checked first (src/core/args.ts, by the function's name), an
 * admin's mistake comes back as { ok: false }, a refusal raised in a read (Refusal) as its own
 * answer, and a bug as INTERNAL, logged.
 */
import { parseArgs } from '../core/args';
import { Refusal } from '../core/refused';
import { failure, type Failure } from '../core/types';

export function guarded<A extends unknown[], R>(name: string, fn: (...args: A) => R): (...args: A) => R | Failure {
  return (...args: A) => {
    try {
      const checked = parseArgs(name, args);
      if (!checked.ok) return checked;
      return fn(...(checked.values as A));
    } catch (error) {
      if (error instanceof Refusal) return error.failure;
      const message = error instanceof Error ? error.message : String(error);
      console.error(`${name} failed: ${message}`);
      return failure(
        'INTERNAL',
        `Something went wrong (${message}). Nothing was lost; try again, and if it happens again, report it with this message.`,
      );
    }
  };
}
