/** The preview's sample workbook shows the upload loop (#11): made by the add-on's own functions. */
import { describe, expect, it } from 'vitest';
import { seedSample } from '../../dev/preview/sample';
import { TABS, loadAddOn, ok } from './harness';
import { dayId } from './loopHelpers';

describe('the sample workbook', () => {
  it('holds a confirmed batch with one failure, and one open batch waiting for its log', () => {
    const { emu, addon } = loadAddOn();
    seedSample(emu, addon);
    expect(ok(addon.listBatches()).batches).toMatchObject([
      { batchId: dayId(2), kind: 'archival', rows: 2, status: 'open', stale: false },
      { batchId: dayId(1), kind: 'creation', rows: 3, status: 'confirmed', failed: 1 },
    ]);
    expect(ok(addon.getBatch(dayId(1))).learners.map((l) => [l.email, l.verdict])).toEqual([
      ['nora.baptiste@ucr.edu', 'applied'],
      ['ivan.petrov@csusb.edu', 'applied'],
      ['zoe.kaplan@sdsu.edu', 'failed'],
    ]);
    expect(ok(addon.getBatch(dayId(1))).learners[2]!.line).toBe('zoe.kaplan@sdsu.edu - ERROR: an account with this email already exists');
    // The done rows were cleared and Zoe's row deleted (her account existed): the sample's 12 rows stay.
    const creation = emu.sheet(TABS.creation)!;
    expect(creation.lastRow).toBe(13);
    expect([creation.cell('A14').value, creation.cell('R14').value, creation.cell('T14').value]).toEqual(['', '', '']);
    expect(emu.sheet(TABS.archival)!.cell('R2').value).toBe(`In ${dayId(2)}: waiting for the import log`);
    // 57 Active + Nora and Ivan = 59 in the registry. The projection counts Riverside's only: the
    // 57 less 2 San Diego and 2 Alameda learners, + Nora and Ivan = 55, less the 2 of the open
    // archival file = 53, 7 under the cap.
    expect(ok(addon.getSummary())).toMatchObject({
      registry: { active: 59 },
      activeCap: 60,
      projectedActive: 53,
      available: 7,
      pending: { create: 0, archive: 2, reactivate: 0 },
      openBatches: 1,
    });
  });
});
