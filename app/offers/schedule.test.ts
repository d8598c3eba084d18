import { describe, expect, it } from "vitest";
import { localToUtc, scheduleWarnings, shopDays } from "./schedule";

const iso = (ms: number) => new Date(ms).toISOString();

describe("schedule time zones", () => {
  it("compiles a merchant's local time to UTC", () => {
    expect(iso(localToUtc("2026-01-15T09:00", "Europe/Berlin"))).toBe("2026-01-15T08:00:00.000Z");
    expect(iso(localToUtc("2026-07-15T09:00", "Europe/Berlin"))).toBe("2026-07-15T07:00:00.000Z");
    expect(iso(localToUtc("2026-07-15T09:00", "America/New_York"))).toBe("2026-07-15T13:00:00.000Z");
    expect(iso(localToUtc("2026-07-15T09:00", "Asia/Kolkata"))).toBe("2026-07-15T03:30:00.000Z");
    expect(iso(localToUtc("2026-07-15T09:00", "UTC"))).toBe("2026-07-15T09:00:00.000Z");
  });

  it("a time skipped by the spring-forward jump moves forward (2026-03-29 02:30 Berlin = 03:30 CEST)", () => {
    expect(iso(localToUtc("2026-03-29T02:30", "Europe/Berlin"))).toBe("2026-03-29T01:30:00.000Z");
    expect(iso(localToUtc("2026-03-29T03:30", "Europe/Berlin"))).toBe("2026-03-29T01:30:00.000Z");
    expect(iso(localToUtc("2026-03-29T01:59", "Europe/Berlin"))).toBe("2026-03-29T00:59:00.000Z");
  });

  it("a time that occurs twice in autumn takes the earlier instant", () => {
    expect(iso(localToUtc("2026-10-25T02:30", "Europe/Berlin"))).toBe("2026-10-25T00:30:00.000Z");
    expect(iso(localToUtc("2026-10-25T03:30", "Europe/Berlin"))).toBe("2026-10-25T02:30:00.000Z");
  });

  it("refuses something that is not a local date-time", () => {
    expect(() => localToUtc("tomorrow", "UTC")).toThrow(RangeError);
  });
});

describe("schedules as whole shop days (decision record 0055)", () => {
  const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

  it("a start counts from the start of its day; an end at midnight ends the day before, any later end keeps its day", () => {
    expect(shopDays("2026-11-22T09:00", "2026-11-29T00:00", "America/New_York")).toEqual({
      startDay: day(2026, 11, 22),
      endDay: day(2026, 11, 29),
      startsAt: Date.UTC(2026, 10, 22, 5),
      endsAt: Date.UTC(2026, 10, 29, 5),
    });
    expect(shopDays(null, "2026-11-28T00:01", "Asia/Kathmandu")).toEqual({ endDay: day(2026, 11, 29), endsAt: Date.UTC(2026, 10, 28, 18, 15) });
  });

  it("a day whose midnight a DST jump skips starts when the jump ends", () => {
    // Santiago springs forward at 24:00 on 5 September 2026: the 6th begins at 01:00 (-03).
    expect(iso(shopDays("2026-09-06T10:00", null, "America/Santiago").startsAt ?? 0)).toBe("2026-09-06T04:00:00.000Z");
  });

  it("the editor warns about a schedule in the past, shorter than a shop day, or in another zone than the shop's", () => {
    const now = Date.UTC(2026, 10, 30);
    const past = scheduleWarnings({ timezone: "UTC", startsAtLocal: "2026-11-01T00:00", endsAtLocal: "2026-11-02T00:00" }, "UTC", now);
    expect(past).toEqual(["This schedule is in the past: the offer will not show."]);
    const short = scheduleWarnings({ timezone: "UTC", startsAtLocal: "2026-12-05T09:00", endsAtLocal: "2026-12-05T21:00" }, "UTC", now);
    expect(short.join(" ")).toContain("shorter than one day of the shop");
    expect(short.join(" ")).toContain("from the start of 5 Dec 2026 through 5 Dec 2026");
    // 23 hours on the spring-forward day in New York is the whole day.
    expect(scheduleWarnings({ timezone: "America/New_York", startsAtLocal: "2027-03-14T00:00", endsAtLocal: "2027-03-15T00:00" }, "America/New_York", now)).toEqual([]);
    expect(scheduleWarnings({ timezone: "America/New_York", startsAtLocal: "2027-03-14T00:00", endsAtLocal: "2027-03-14T23:00" }, "America/New_York", now).join(" ")).toContain("shorter than one day");
    expect(scheduleWarnings({ timezone: "Europe/Berlin", startsAtLocal: "", endsAtLocal: "" }, "America/New_York", now)[0]).toContain("shop's time zone (America/New_York)");
    expect(scheduleWarnings({ timezone: "UTC", startsAtLocal: "", endsAtLocal: "" }, "UTC", now)).toEqual([]);
  });
});
