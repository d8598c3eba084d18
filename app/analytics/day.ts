/** The UTC calendar day of an instant, "YYYY-MM-DD". Rollups, retention and figures all use UTC days. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return utcDay(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000);
}

/** Inclusive list of days from..to. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < 3660; d = addDays(d, 1)) out.push(d);
  return out;
}

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
