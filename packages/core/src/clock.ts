/** Time as a port: every component takes a `Clock` so tests can freeze or move it. */

/** Returns the current time. */
export type Clock = () => Date;

/** The real wall clock. */
export const systemClock: Clock = () => new Date();

/** A clock that always answers `at`; for tests and for reproducing a verification at a given moment. */
export function fixedClock(at: Date | string): Clock {
  const time = new Date(at).getTime();
  if (Number.isNaN(time)) throw new TypeError(`fixedClock: invalid date ${String(at)}`);
  return () => new Date(time);
}

/** An XML Schema dateTime without fractional seconds, as credentials carry it: `2026-01-01T00:00:00Z`. */
export function toXsdDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

const XSD_DATE_TIME =
  /^(\d{4,})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):([0-5]\d):([0-5]\d|60)(\.\d+)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * Parses an XML Schema dateTime with a time zone, as VC 2.0 requires for `validFrom` and `validUntil`.
 * Returns undefined for anything else, including impossible dates such as 2025-02-30.
 */
export function parseXsdDateTime(value: unknown): Date | undefined {
  if (typeof value !== "string") return undefined;
  const match = XSD_DATE_TIME.exec(value);
  if (!match) return undefined;
  const [, year, month, day] = match;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return undefined;
  // Date silently rolls 2025-02-30 into March: refuse it by checking the calendar day.
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  if (Number(day) > daysInMonth) return undefined;
  return date;
}
