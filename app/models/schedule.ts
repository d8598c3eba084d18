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
