import { describe, expect, it } from 'vitest';
import { COUNTIES, EMPLOYEE_TYPES, canonicalCounty, countyOfEmployeeType, countySlug } from '../../src/core/counties';

describe('counties', () => {
  it("are California's 58, Alameda to Yuba, each once", () => {
    expect(COUNTIES).toHaveLength(58);
    expect(new Set(COUNTIES).size).toBe(58);
    expect(COUNTIES[0]).toBe('Alameda');
    expect(COUNTIES[57]).toBe('Yuba');
  });

  it('spell the EmployeeType as the guide does', () => {
    expect(EMPLOYEE_TYPES).toContain('Riverside County Community Partner');
    expect(EMPLOYEE_TYPES).toContain('San Francisco County Community Partner');
  });

  it('match ignoring case and extra spaces', () => {
    expect(countyOfEmployeeType('  riverside   COUNTY community partner ')).toBe('Riverside');
    expect(countyOfEmployeeType('San  Luis Obispo County Community Partner')).toBe('San Luis Obispo');
    expect(countyOfEmployeeType('Riverside Community Partner')).toBeNull();
    expect(countyOfEmployeeType('Springfield County Community Partner')).toBeNull();
    expect(canonicalCounty('contra costa')).toBe('Contra Costa');
  });

  it('make file-name slugs', () => {
    expect(countySlug('San Luis Obispo')).toBe('san-luis-obispo');
  });
});
