/*
 * The Function has no clock: its output must depend on its input alone.
 * The only time in the input is `shop.localTime.date`, the shop's calendar
 * date in the shop's time zone. Schedules are compiled to the shop's
 * calendar days (decision record 0055), so the date alone decides them,
 * exactly as the storefront's instant decides the same days. Configs
 * compiled before that carry epoch bounds only; those are honoured only if
 * they hold across the ~50-hour window the date can mean (decision record
 * 0021), failing closed.
 */
const HOUR = 3_600_000;
/** The farthest time zones from UTC: UTC+14 (Line Islands) and UTC-12. */
const MAX_AHEAD = 14 * HOUR;
const MAX_BEHIND = 12 * HOUR;

export interface ShopClock {
  /** The shop's local date as days since 1970-01-01. */
  day: number;
  /** Earliest and latest epoch ms the shop's local date can mean. */
  earliest: number;
  latest: number;
}

/** From "YYYY-MM-DD"; null for anything else, so schedules cannot be judged. */
export function shopClock(localDate: unknown): ShopClock | null {
  if (typeof localDate !== "string") return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  // Date.UTC is arithmetic on its arguments, not a clock read: deterministic in Javy too.
  const midnightUtc = Date.UTC(y, mo - 1, d);
  if (new Date(midnightUtc).getUTCDate() !== d) return null;
  return { day: midnightUtc / (24 * HOUR), earliest: midnightUtc - MAX_AHEAD, latest: midnightUtc + 24 * HOUR + MAX_BEHIND - 1 };
}
