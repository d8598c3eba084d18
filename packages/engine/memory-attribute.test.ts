import { describe, expect, it } from "vitest";
import { decide } from "./decide";
import { MEMORY_ATTRIBUTE_MAX, SESSION_MS, encodeMemoryAttribute, frequencyCodes, mergeMemory, parseMemoryAttribute } from "./frequency";
import { DAY, NOW, cart, config, ctx, memory, offer } from "./test-fixtures";
import type { FrequencyMemory, ShopSettings } from "./types";

const known = ["o1", "o2", "o3"];
const settings: ShopSettings = config([offer()]).settings;

describe("the cart's memory attribute", () => {
  it("round-trips what a surface remembers, at second precision", () => {
    const m = memory({ shownThisSession: 2, shownOfferIds: ["o1", "o2"], accepted: ["o2"], dismissedAt: { o1: NOW - 3 * DAY } });
    const v = encodeMemoryAttribute(m, NOW);
    expect(v).toMatch(/^1\|[0-9a-z]+\|2\|o1,o2\|o2\|o1:[0-9a-z]+$/);
    expect(parseMemoryAttribute(v, known, NOW + 60_000)).toEqual(m);
  });

  it("a decline carried in the attribute hides that offer within the cooldown, and not after", () => {
    const v = encodeMemoryAttribute(memory({ dismissedAt: { o1: NOW } }), NOW);
    const c = config([offer()]);
    const later = (ms: number) => decide(c, cart(), ctx(), parseMemoryAttribute(v, ["o1"], NOW + ms), NOW + ms);
    expect(later(DAY)).toMatchObject({ show: false, reasons: [{ offerId: "o1", codes: ["FREQUENCY_DISMISSED"] }] });
    expect(later(settings.cooldownDays * DAY + 1000).show).toBe(true);
  });

  it("counts the session only while it is fresh: a cart outlives a visit, its dismissals and accepts stay", () => {
    const v = encodeMemoryAttribute(memory({ shownThisSession: 1, shownOfferIds: ["o1"], accepted: ["o2"], dismissedAt: { o3: NOW } }), NOW);
    expect(parseMemoryAttribute(v, known, NOW + SESSION_MS - 1000)).toMatchObject({ shownThisSession: 1, shownOfferIds: ["o1"] });
    expect(parseMemoryAttribute(v, known, NOW + SESSION_MS + 1000)).toEqual(memory({ accepted: ["o2"], dismissedAt: { o3: NOW } }));
  });

  it("stays within its size bound, dropping the oldest dismissals first", () => {
    const id = (i: number) => "offer-" + String(i).padStart(40, "0");
    const ids = Array.from({ length: 40 }, (_, i) => id(i));
    const m = memory({ shownThisSession: 3, shownOfferIds: ids.slice(0, 3), accepted: ids.slice(0, 5), dismissedAt: Object.fromEntries(ids.map((x, i) => [x, NOW - i * 1000])) });
    const v = encodeMemoryAttribute(m, NOW);
    expect(v.length).toBeLessThanOrEqual(MEMORY_ATTRIBUTE_MAX);
    const back = parseMemoryAttribute(v, ids, NOW);
    expect(back.accepted).toEqual(ids.slice(0, 5));
    expect(back.shownOfferIds).toEqual(ids.slice(0, 3));
    // The newest dismissals survive.
    expect(Object.keys(back.dismissedAt)[0]).toBe(id(0));
    expect(back.dismissedAt[id(39)]).toBeUndefined();
    expect(Object.keys(back.dismissedAt).length).toBeGreaterThan(5);
  });

  it("never throws and yields an empty memory for values that are not ours", () => {
    const empty = memory();
    for (const v of [undefined, null, 42, {}, "", "garbage", "2|a|1|o1|o1|o1:a", "1|a|1|o1", "|".repeat(5), "1|" + "x".repeat(MEMORY_ATTRIBUTE_MAX), "1|zzzzzzzzzzz|1||o1|"])
      expect(() => parseMemoryAttribute(v, known, NOW)).not.toThrow();
    expect(parseMemoryAttribute("garbage", known, NOW)).toEqual(empty);
    expect(parseMemoryAttribute("1|" + "o1,".repeat(MEMORY_ATTRIBUTE_MAX), known, NOW)).toEqual(empty);
  });

  it("keeps only the shop's offers: unknown, malformed and prototype ids are dropped", () => {
    const at = Math.floor(NOW / 1000).toString(36);
    const v = `1|${at}|1|o1,nope,__proto__|o2,<script>,constructor|o3:${at},evil:${at},__proto__:${at},o1:-5,o2:1.5,o2:`;
    const m = parseMemoryAttribute(v, known, NOW);
    expect(m).toEqual({ shownThisSession: 1, shownOfferIds: ["o1"], accepted: ["o2"], dismissedAt: { o3: Math.floor(NOW / 1000) * 1000 } });
    expect(Object.getPrototypeOf(m.dismissedAt)).toBe(Object.prototype);
    // Even when the shop had an offer named like a prototype key, it is a plain key.
    const proto = parseMemoryAttribute(`1|${at}|0|||__proto__:${at}`, ["__proto__"], NOW);
    expect(Object.getPrototypeOf(proto.dismissedAt)).toBe(Object.prototype);
    expect(Object.keys(proto.dismissedAt)).toEqual(["__proto__"]);
  });

  it("clamps times after now to now, and bounds the counts", () => {
    const future = Math.floor((NOW + 365 * DAY) / 1000).toString(36);
    const m = parseMemoryAttribute(`1|${future}|99|o1,o1,o2|o3,o3|o1:${future}`, known, NOW);
    // A dismissal "next year" is a dismissal now: it ends with the cooldown instead of lasting a year.
    expect(m.dismissedAt.o1).toBe(NOW);
    expect(frequencyCodes("o1", m, settings, NOW + settings.cooldownDays * DAY)).not.toContain("FREQUENCY_DISMISSED");
    expect(m).toMatchObject({ shownThisSession: 99, shownOfferIds: ["o1", "o2"], accepted: ["o3"] });
    const many = Array.from({ length: 50 }, (_, i) => "o" + i);
    const big = parseMemoryAttribute(`1|${future}|1|${many.join()}|${many.join()}|${many.map((x) => x + ":1").join()}`, many, NOW);
    expect([big.shownOfferIds.length, big.accepted.length, Object.keys(big.dismissedAt).length]).toEqual([20, 20, 20]);
    expect(parseMemoryAttribute(`1|${future}|100|||`, known, NOW).shownThisSession).toBe(0);
  });
});

describe("merging two surfaces' memories", () => {
  const storefront: FrequencyMemory = memory({ shownThisSession: 1, shownOfferIds: ["o1"], dismissedAt: { o1: NOW - DAY } });
  const checkout: FrequencyMemory = memory({ shownThisSession: 1, shownOfferIds: ["o2"], accepted: ["o2"], dismissedAt: { o1: NOW - 2 * DAY } });

  it("adds up distinct shows, keeps every accept and the latest dismissal", () => {
    expect(mergeMemory(storefront, checkout)).toEqual({ shownThisSession: 2, shownOfferIds: ["o1", "o2"], accepted: ["o2"], dismissedAt: { o1: NOW - DAY } });
  });

  it("is idempotent: merging what was written back counts nothing twice", () => {
    const once = mergeMemory(storefront, checkout);
    expect(mergeMemory(once, storefront)).toEqual(once);
    expect(mergeMemory(once, parseMemoryAttribute(encodeMemoryAttribute(once, NOW), known, NOW))).toEqual({ ...once, dismissedAt: { o1: Math.floor((NOW - DAY) / 1000) * 1000 } });
  });

  it("a popup accepted in the cart uses the session's budget at checkout", () => {
    const carried = parseMemoryAttribute(encodeMemoryAttribute(memory({ shownThisSession: 1, shownOfferIds: ["o1"], accepted: ["o1"] }), NOW), known, NOW);
    const atCheckout = mergeMemory(memory(), carried);
    expect(frequencyCodes("o2", atCheckout, { ...settings, maxPerSession: 1 }, NOW)).toEqual(["FREQUENCY_SESSION_LIMIT"]);
  });
});
