/** The boundary: an admin's mistake comes back as { ok: false }, and a bug does too, logged. */
import { failure, type Failure } from '../core/types';

export function guarded<A extends unknown[], R>(name: string, fn: (...args: A) => R): (...args: A) => R | Failure {
  return (...args: A) => {
    try {
      return fn(...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`${name} failed: ${message}`);
      return failure(
        'INTERNAL',
        `Something went wrong (${message}). Nothing was lost; try again, and if it happens again, report it with this message.`,
      );
    }
  };
}
