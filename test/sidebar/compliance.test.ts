import { describe, expect, it } from 'vitest';
import { chartGeometry, daysSince, dueText } from '../../src/sidebar/model';

describe('the Overview’s compliance line', () => {
  it('says how many Active learners are past their end date and how many have none, in words', () => {
    expect(dueText(0, 0)).toBe('No Active learner is past their activity end date; 0 Active learners have no end date.');
    expect(dueText(1, 1)).toBe('1 Active learner is past their activity end date; 1 Active learner has no end date.');
    expect(dueText(21, 3)).toBe('21 Active learners are past their activity end date; 3 Active learners have no end date.');
  });

  it('counts days overdue across a month and a year end', () => {
    expect(daysSince('2026-11-28', '2026-11-29')).toBe(1);
    expect(daysSince('2025-12-31', '2026-03-01')).toBe(60); // 31 + 28 + 1
  });
});

describe('the small chart', () => {
  // 280 × 120: the plot is x 28..272, y 8..102 (94 high).
  const months = [
    { month: '2026-01', end: 40, cap: null },
    { month: '2026-02', end: 50, cap: 60 },
    { month: '2026-03', end: 55, cap: 60 },
  ];

  it('scales to the highest count or cap, rounded up, and draws the lines to it', () => {
    const g = chartGeometry(months, 280, 120);
    expect(g.yMax).toBe(60);
    // x: 28, 150, 272; y of 40 of 60: 8 + 94 − 62.67 = 39.3; 50 → 23.7; 55 → 15.8; 60 → 8.
    expect(g.active).toBe('28.0,39.3 150.0,23.7 272.0,15.8');
    expect(g.ticks.map((t) => [t.x, t.label])).toEqual([
      [28, '01'],
      [150, '02'],
      [272, '03'],
    ]);
  });

  it('leaves out the months with no cap rather than drawing the cap at 0', () => {
    expect(chartGeometry(months, 280, 120).cap).toEqual(['150.0,8.0 272.0,8.0']);
    expect(chartGeometry([{ month: '2026-01', end: 3, cap: null }], 280, 120)).toMatchObject({ yMax: 3, cap: [], active: '150.0,8.0' });
  });
});
