/**
 * An admin-facing refusal raised deep in a read (a registry whose headers are broken), so that
 * every function that reads the registry answers with it, whatever its own flow: the boundary
 * (src/addon/guard.ts) returns `failure` instead of INTERNAL. Thrown only before anything is written.
 */
import type { Failure } from './types';

export class Refusal extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error.message);
    this.name = 'Refusal';
  }
}
