import { describe, expect, it } from "vitest";
import { BEACON_MAX_BYTES, parseBeacon } from "./beacon.schema";

const event = { id: "e1", type: "impression", offer: "o1", moment: "ADD_TO_CART", ts: 1_760_000_000_000 };
const beacon = (events: unknown[] = [event]) => JSON.stringify({ v: 1, visitor: "v1", session: "s1", events });

describe("the analytics beacon schema", () => {
  it("accepts a version-1 beacon with optional variant, bucket, value and currency", () => {
    const r = parseBeacon(beacon([event, { ...event, id: "e2", type: "accept", variant: "b", bucket: "b", value: 1350, currency: "EUR" }]));
    expect(r.ok).toBe(true);
  });
  it("refuses an unknown version, type or moment with a 400 naming the field", () => {
    expect(parseBeacon(JSON.stringify({ v: 2, visitor: "v", session: "s", events: [event] }))).toMatchObject({ ok: false, status: 400, message: expect.stringContaining("v:") });
    expect(parseBeacon(beacon([{ ...event, type: "hover" }]))).toMatchObject({ ok: false, status: 400, message: expect.stringContaining("events.0.type") });
    expect(parseBeacon(beacon([{ ...event, moment: "LANDING" }]))).toMatchObject({ ok: false, status: 400 });
  });
  it("refuses more than 50 events, negative values and non-JSON bodies", () => {
    expect(parseBeacon(beacon(Array.from({ length: 51 }, (_, i) => ({ ...event, id: `e${i}` }))))).toMatchObject({ ok: false, status: 400 });
    expect(parseBeacon(beacon([{ ...event, value: -1 }]))).toMatchObject({ ok: false, status: 400 });
    expect(parseBeacon("{nope")).toMatchObject({ ok: false, status: 400, message: "Beacon body is not JSON" });
  });
  it("refuses bodies over 16 KB with 413 before parsing them", () => {
    expect(parseBeacon("x".repeat(BEACON_MAX_BYTES + 1))).toMatchObject({ ok: false, status: 413 });
  });
  it("refuses ids that are not printable ASCII (NUL, lone surrogates, spaces, non-Latin) with a 400 naming the field", () => {
    for (const bad of ["a\u0000b", "\ud800", "has space", "é", "id\n"]) {
      expect(parseBeacon(beacon([{ ...event, id: bad }]))).toMatchObject({ ok: false, status: 400, message: expect.stringContaining("events.0.id") });
      expect(parseBeacon(JSON.stringify({ v: 1, visitor: bad, session: "s1", events: [event] }))).toMatchObject({ ok: false, status: 400, message: expect.stringContaining("visitor") });
    }
    expect(parseBeacon(beacon([{ ...event, offer: "\udfff" }]))).toMatchObject({ ok: false, status: 400, message: expect.stringContaining("events.0.offer") });
  });
});
