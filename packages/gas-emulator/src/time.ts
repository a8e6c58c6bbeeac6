/** Time zones and Java SimpleDateFormat patterns, computed with Intl so DST follows the IANA rules. */

/** True for Date objects of any realm (instanceof fails across vm contexts). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

export function dateMs(value: Date): number {
  return Date.prototype.getTime.call(value);
}

interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

const partFormats = new Map<string, Intl.DateTimeFormat>();

function partFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    partFormats.set(timeZone, format);
  }
  return format;
}

/** Apps Script (Java) falls back to GMT for an unknown zone id instead of failing. */
export function knownZone(timeZone: string): string {
  try {
    partFormat(timeZone);
    return timeZone;
  } catch {
    return 'GMT';
  }
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function wallTime(ms: number, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const p of partFormat(timeZone).formatToParts(ms)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

/** Offset of the zone from UTC at that instant, in ms (negative west of Greenwich). */
export function zoneOffset(ms: number, timeZone: string): number {
  const w = wallTime(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The instant a wall clock in the zone shows that date's midnight. */
export function zonedMidnight(year: number, month: number, day: number, timeZone: string): number {
  const asUtc = Date.UTC(year, month - 1, day);
  const guess = asUtc - zoneOffset(asUtc, timeZone);
  return asUtc - zoneOffset(guess, timeZone);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function zoneName(ms: number, timeZone: string, style: 'short' | 'long'): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: style }).formatToParts(ms).find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

function offsetText(ms: number, timeZone: string, colon: boolean, withMinutes: boolean, zForZero: boolean): string {
  const minutes = Math.round(zoneOffset(ms, timeZone) / 60000);
  if (minutes === 0 && zForZero) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hours = pad(Math.floor(abs / 60), 2);
  if (!withMinutes) return sign + hours;
  return sign + hours + (colon ? ':' : '') + pad(abs % 60, 2);
}

/** Formats like Utilities.formatDate: a Java SimpleDateFormat pattern in the given zone. */
export function formatJavaDate(ms: number, timeZone: string, pattern: string): string {
  const zone = knownZone(timeZone);
  const w = wallTime(ms, zone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] ?? '';
    if (ch === "'") {
      const close = pattern.indexOf("'", i + 1);
      if (close === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      const end = close < 0 ? pattern.length : close;
      out += pattern.slice(i + 1, end).replace(/''/g, "'");
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    i += n;
    out += javaField(ch, n, w, ms, zone);
  }
  return out;
}

function javaField(ch: string, n: number, w: WallTime, ms: number, zone: string): string {
  const hour12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  switch (ch) {
    case 'y':
      return n === 2 ? pad(w.year % 100, 2) : pad(w.year, n);
    case 'M':
      if (n >= 4) return MONTHS[w.month - 1] ?? '';
      if (n === 3) return (MONTHS[w.month - 1] ?? '').slice(0, 3);
      return pad(w.month, n);
    case 'd':
      return pad(w.day, n);
    case 'H':
      return pad(w.hour, n);
    case 'k':
      return pad(w.hour === 0 ? 24 : w.hour, n);
    case 'h':
      return pad(hour12, n);
    case 'K':
      return pad(w.hour % 12, n);
    case 'm':
      return pad(w.minute, n);
    case 's':
      return pad(w.second, n);
    case 'S':
      return pad(((ms % 1000) + 1000) % 1000, n);
    case 'a':
      return w.hour < 12 ? 'AM' : 'PM';
    case 'E': {
      const day = DAYS[w.weekday] ?? '';
      return n >= 4 ? day : day.slice(0, 3);
    }
    case 'u':
      return pad(w.weekday === 0 ? 7 : w.weekday, n);
    case 'z':
      return zoneName(ms, zone, n >= 4 ? 'long' : 'short');
    case 'Z':
      return offsetText(ms, zone, false, true, false);
    case 'X':
      return offsetText(ms, zone, n >= 3, n >= 2, true);
    default:
      throw new Error(`Illegal pattern character '${ch}'`);
  }
}
