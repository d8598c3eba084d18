/*
 * Merchant-local date-times to epoch ms UTC, resolved on the server with Intl
 * so the engine never needs time zone data. Disambiguation follows Temporal's
 * "compatible" rule: a time skipped by a DST jump moves forward by the jump
 * (02:30 on a spring-forward night becomes 03:30 summer time); a time that
 * occurs twice (autumn) takes the earlier instant.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `tz` from UTC at instant `utcMs`, in ms (Berlin in summer: +7,200,000). */
export function tzOffsetMs(utcMs: number, tz: string): number {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(tz, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(utcMs))) if (part.type !== "literal") p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/** "2026-03-29T02:30" in "Europe/Berlin" -> epoch ms UTC. */
export function localToUtc(local: string, tz: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) throw new RangeError(`Not a local date-time: ${local}`);
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  const before = tzOffsetMs(wall - 86_400_000, tz);
  const after = tzOffsetMs(wall + 86_400_000, tz);
  const valid = [wall - before, wall - after].filter((t) => t + tzOffsetMs(t, tz) === wall);
  if (valid.length) return Math.min(...valid);
  // In a gap: read the wall time with the offset in force before the jump.
  return wall - before;
}

const DAY_MS = 86_400_000;

/** Epoch ms -> the wall-clock "YYYY-MM-DDTHH:MM:SS" in `tz`. */
export function utcToLocal(utcMs: number, tz: string): string {
  return new Date(utcMs + tzOffsetMs(utcMs, tz)).toISOString().slice(0, 19);
}

/** "2026-11-22" -> days since 1970-01-01 (the Function's shop-day numbering). */
export const dayNumber = (date: string): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
const dateOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The first instant of a shop day: its midnight, or the end of a DST jump over midnight. */
export const dayStartUtc = (day: number, tz: string): number => localToUtc(`${dateOfDay(day)}T00:00`, tz);

export interface ShopDays {
  /** Shop calendar days, inclusive start and exclusive end: what the Function compares with the shop's date. */
  startDay?: number;
  endDay?: number;
  /** The same days' first instants, epoch ms: what the storefront and checkout compare with now. */
  startsAt?: number;
  endsAt?: number;
}

/**
 * A merchant's schedule as whole days of the shop's calendar (decision
 * record 0055). The discount Function knows only the shop's date, so every
 * surface decides on whole days: a start counts from the start of its day,
 * an end not at midnight runs to the end of its day. Inputs are wall-clock
 * "YYYY-MM-DDTHH:MM" in `tz`.
 */
export function shopDays(startLocal: string | null | undefined, endLocal: string | null | undefined, tz: string): ShopDays {
  const out: ShopDays = {};
  if (startLocal) {
    out.startDay = dayNumber(startLocal);
    out.startsAt = dayStartUtc(out.startDay, tz);
  }
  if (endLocal) {
    const day = dayNumber(endLocal);
    // Midnight itself (as the instant it resolves to) ends the day before; any later time keeps its day.
    out.endDay = localToUtc(endLocal, tz) <= dayStartUtc(day, tz) ? day : day + 1;
    out.endsAt = dayStartUtc(out.endDay, tz);
  }
  return out;
}

/**
 * What the offer editor warns about a schedule: it is over, it is shorter
 * than one of the shop's days (so it runs for whole days instead), or it is
 * set in a time zone other than the shop's (checkout reads the shop's date).
 */
export function scheduleWarnings(d: { startsAtLocal: string; endsAtLocal: string; timezone: string }, shopTimezone: string, now: number): string[] {
  const warnings: string[] = [];
  const tz = d.timezone;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
  } catch {
    return warnings;
  }
  const valid = (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s);
  if ((d.startsAtLocal && !valid(d.startsAtLocal)) || (d.endsAtLocal && !valid(d.endsAtLocal))) return warnings;
  if (tz !== shopTimezone) warnings.push(`Checkout follows the shop's time zone (${shopTimezone}); this schedule is in ${tz}, so its days may start and end at different times there.`);
  const days = shopDays(d.startsAtLocal || null, d.endsAtLocal || null, tz);
  if (days.endsAt !== undefined && days.endsAt <= now) warnings.push("This schedule is in the past: the offer will not show.");
  // The start day's own length: 23, 23.5, 24, 24.5 or 25 hours around a DST change.
  const startDayMs = days.startDay === undefined ? 0 : dayStartUtc(days.startDay + 1, tz) - dayStartUtc(days.startDay, tz);
  if (d.startsAtLocal && d.endsAtLocal && localToUtc(d.endsAtLocal, tz) - localToUtc(d.startsAtLocal, tz) < startDayMs)
    warnings.push("This schedule is shorter than one day of the shop. Offers run for whole days of the shop's calendar, so it runs all day.");
  const exact = (local: string) => local.slice(11, 16) === "00:00";
  if ((d.startsAtLocal && !exact(d.startsAtLocal)) || (d.endsAtLocal && !exact(d.endsAtLocal)))
    warnings.push(`Offers run for whole days of the shop's calendar: ${describeDays(days)}.`);
  return warnings;
}

/** "runs from 22 Nov 2026 through 28 Nov 2026" in plain words, for the editor. */
export function describeDays(days: ShopDays): string {
  const fmt = (day: number) => new Date(day * DAY_MS).toLocaleDateString("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });
  const from = days.startDay !== undefined ? `from the start of ${fmt(days.startDay)}` : "";
  const to = days.endDay !== undefined ? `through ${fmt(days.endDay - 1)}` : "";
  return ["this one runs", from, to].filter(Boolean).join(" ");
}
