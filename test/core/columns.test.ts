import { describe, expect, it } from 'vitest';
import { COLUMNS, HEADERS, canonicalHeader, isRequiredOn } from '../../src/core/columns';

describe('the 17 import columns', () => {
  it('are the headers of domain.md, in order', () => {
    expect(HEADERS).toEqual([
      'UserID',
      'LastName',
      'FirstName',
      'Email',
      'Password',
      'Status',
      'Affiliation',
      'OrganizationName',
      'EmployeeType',
      'RTADepartment',
      'RTAJobTitle',
      'RTAJobCode',
      'AreaOfAssignment',
      'DateHire',
      'DateTransfer',
      'UserLevel',
      'AssocLMSID',
    ]);
  });

  it('are yellow where domain.md says the admin fills them', () => {
    const yellow = (tab: 'creation' | 'archival') => COLUMNS.filter((c) => isRequiredOn(tab, c)).map((c) => c.header);
    // UserID to Affiliation (the first seven of the headers above), EmployeeType and DateHire.
    expect(yellow('creation')).toEqual([...HEADERS.slice(0, 7), 'EmployeeType', 'DateHire']);
    expect(yellow('archival')).toEqual(['UserID', 'LastName', 'FirstName', 'Email', 'Status', 'Affiliation', 'EmployeeType']);
  });

  it("reads the guide's spellings User ID and EmploymentType as aliases", () => {
    expect(canonicalHeader('User ID')).toBe('UserID');
    expect(canonicalHeader('EmploymentType')).toBe('EmployeeType');
    expect(canonicalHeader(' dateHire ')).toBe('DateHire');
    expect(canonicalHeader('Employee')).toBeNull();
  });
});
