/** California's 58 counties and the EmployeeType spelling the LMS expects. */
export const COUNTIES = [
  'Alameda',
  'Alpine',
  'Amador',
  'Butte',
  'Calaveras',
  'Colusa',
  'Contra Costa',
  'Del Norte',
  'El Dorado',
  'Fresno',
  'Glenn',
  'Humboldt',
  'Imperial',
  'Inyo',
  'Kern',
  'Kings',
  'Lake',
  'Lassen',
  'Los Angeles',
  'Madera',
  'Marin',
  'Mariposa',
  'Mendocino',
  'Merced',
  'Modoc',
  'Mono',
  'Monterey',
  'Napa',
  'Nevada',
  'Orange',
  'Placer',
  'Plumas',
  'Riverside',
  'Sacramento',
  'San Benito',
  'San Bernardino',
  'San Diego',
  'San Francisco',
  'San Joaquin',
  'San Luis Obispo',
  'San Mateo',
  'Santa Barbara',
  'Santa Clara',
  'Santa Cruz',
  'Shasta',
  'Sierra',
  'Siskiyou',
  'Solano',
  'Sonoma',
  'Stanislaus',
  'Sutter',
  'Tehama',
  'Trinity',
  'Tulare',
  'Tuolumne',
  'Ventura',
  'Yolo',
  'Yuba',
] as const;

export type County = (typeof COUNTIES)[number];

const SUFFIX = ' County Community Partner';

export function employeeTypeOf(county: County): string {
  return county + SUFFIX;
}

export const EMPLOYEE_TYPES: readonly string[] = COUNTIES.map(employeeTypeOf);

/** Case and runs of spaces are not significant when matching county names. */
function fold(text: string): string {
  return text
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .toLowerCase();
}

const COUNTY_BY_KEY = new Map<string, County>(COUNTIES.map((c) => [fold(c), c]));
const COUNTY_BY_EMPLOYEE_TYPE = new Map<string, County>(COUNTIES.map((c) => [fold(employeeTypeOf(c)), c]));

export function canonicalCounty(text: string): County | null {
  return COUNTY_BY_KEY.get(fold(text)) ?? null;
}

/** The county an EmployeeType names (`riverside  county community partner` → Riverside), or null. */
export function countyOfEmployeeType(text: string): County | null {
  return COUNTY_BY_EMPLOYEE_TYPE.get(fold(text)) ?? null;
}

/** `San Luis Obispo` → `san-luis-obispo`, for file names. */
export function countySlug(county: County): string {
  return county.toLowerCase().replace(/ /g, '-');
}
