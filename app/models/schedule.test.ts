import { describe, expect, it } from "vitest";
import { localToUtc } from "./schedule";

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
