/**
 * What only the compiler can check of the typed google.script.run bridge: vitest's typecheck runs
 * these (npm test), and fails when a line marked @ts-expect-error stops being an error.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { Api } from '../../src/addon/api';
import type { ScriptFailure, Server } from '../../src/sidebar/server';

declare const server: Server;

describe('the sidebar bridge, typed from the server api', () => {
  it('has every server function, and no other', () => {
    expectTypeOf<keyof Server>().toEqualTypeOf<keyof Api>();
  });

  it('refuses a misspelt function name', () => {
    // @ts-expect-error: no such server function
    server.validateTabs('creation');
  });

  it('refuses wrong arguments', () => {
    // @ts-expect-error: 'registry' is not a template tab
    server.exportCsv('registry');
    // @ts-expect-error: archiveLearners takes a list of UserIDs
    server.archiveLearners('ana@x.org');
  });

  it("resolves to the server's own result or a script failure, never anything else", () => {
    expectTypeOf(server.getSummary()).resolves.toEqualTypeOf<ReturnType<Api['getSummary']> | ScriptFailure>();
  });
});
