import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Cart, CartLine, Discount, FunctionConfig, FunctionOffer } from "./types";
import { entitleOfferLines } from "./validate-line";
import { encodeFunctionConfig, functionOfferIndex, offerIndexOf, parseFunctionConfig } from "./wire";

/*
 * The Function finds offers through an index and decodes only the ones its
 * cart names (decision 0062). It must answer exactly as the plain scan of
 * the fully decoded config did: same offer for every id (repeated ids
 * included: the first wins), same verdict for every line.
 */
const IDS = ["oa", "ob", "oc", "od"];
const VARIANTS = ["11", "12", "21", "31"];
const DAY = 86_400_000;
const TODAY = Date.UTC(2026, 10, 22);

const discount: fc.Arbitrary<Discount> = fc.oneof(
  fc.record({ kind: fc.constant("PERCENT" as const), bps: fc.integer({ min: 0, max: 10000 }) }),
  fc.record({ kind: fc.constant("FIXED" as const), amount: fc.integer({ min: 0, max: 6000 }) }),
  fc.constant({ kind: "NONE" as const }),
);

const offerArb: fc.Arbitrary<FunctionOffer> = fc
  .record({
    id: fc.constantFrom(...IDS),
    type: fc.constantFrom("UPSELL" as const, "CROSS_SELL" as const, "BUNDLE" as const),
    match: fc.constantFrom("ANY" as const, "ALL" as const),
    products: fc.subarray(["1", "2", "3"], { maxLength: 2 }),
    offeredVariants: fc.subarray(VARIANTS, { minLength: 1, maxLength: 3 }),
    discount,
    variantB: fc.option(discount, { nil: undefined }),
    capBps: fc.integer({ min: 0, max: 20000 }),
    subtotalMin: fc.option(fc.integer({ min: 0, max: 30000 }), { nil: undefined }),
    itemsMax: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
    startDay: fc.option(fc.integer({ min: 20_400, max: 20_420 }), { nil: undefined }),
    startsIn: fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined }),
    bundle: fc.boolean(),
    // An automatic cross-sell now and then (decisions 0086, 0096), its exclusions by product, collection and tag.
    automatic: fc.oneof(
      { weight: 2, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.record({ products: fc.subarray(["1", "2"], { maxLength: 1 }), collections: fc.subarray(["c1", "c2"], { maxLength: 1 }), tags: fc.subarray(["Red", "blue"], { maxLength: 2 }) }) },
    ),
  })
  .map((r) => {
    const o: FunctionOffer = {
      id: r.id,
      type: r.type,
      trigger: { match: r.match, products: r.products, variants: [], collections: [], tags: [] },
      offeredVariants: r.offeredVariants,
      discount: r.discount,
      capBps: r.capBps,
    };
    if (r.subtotalMin !== undefined) o.trigger.subtotalMin = r.subtotalMin;
    if (r.itemsMax !== undefined) o.trigger.itemsMax = r.itemsMax;
    if (r.variantB) o.variantDiscounts = { b: r.variantB };
    if (r.startDay !== undefined) o.startDay = r.startDay;
    if (r.startsIn !== undefined) o.startsAt = TODAY + r.startsIn * DAY;
    if (r.bundle) o.bundle = r.offeredVariants.map((v) => [v]);
    const a = r.automatic;
    if (a) {
      delete o.bundle;
      o.type = "CROSS_SELL";
      o.offeredVariants = [];
      o.auto = { excludeProducts: a.products };
      if (a.collections.length) o.auto.excludeCollections = a.collections;
      if (a.tags.length) o.auto.excludeTags = a.tags;
    }
    return o;
  });

const lineArb: fc.Arbitrary<CartLine> = fc
  .record({
    variant: fc.constantFrom(...VARIANTS, "99"),
    unitPrice: fc.integer({ min: 0, max: 20000 }),
    quantity: fc.integer({ min: 0, max: 4 }),
    offer: fc.option(fc.constantFrom(...IDS, "forged"), { nil: undefined }),
    ab: fc.option(fc.constantFrom("a", "b"), { nil: undefined }),
    collectionIds: fc.subarray(["c1", "c2"], { maxLength: 1 }),
    tags: fc.subarray(["red", "blue"], { maxLength: 1 }),
  })
  .map((l) => {
    const line: CartLine = { key: "", productId: l.variant.slice(0, 1), variantId: l.variant, quantity: l.quantity, unitPrice: l.unitPrice, collectionIds: l.collectionIds, tags: l.tags };
    if (l.offer) line.offerId = l.offer;
    if (l.ab) line.abVariantId = l.ab;
    return line;
  });

const configArb = fc.array(offerArb, { maxLength: 6 }).map((offers): FunctionConfig => ({ v: 1, offers }));

describe("the Function's offer index", () => {
  it("finds the same offer for every id as a scan of the decoded config", () => {
    fc.assert(
      fc.property(configArb, (config) => {
        const wire = encodeFunctionConfig(config);
        const scanned = parseFunctionConfig(wire);
        expect(scanned).not.toBeNull();
        const lazy = functionOfferIndex(JSON.parse(wire));
        const decoded = offerIndexOf((scanned as FunctionConfig).offers);
        expect(lazy?.size).toBe(config.offers.length);
        for (const id of [...IDS, "forged"]) {
          const want = (scanned as FunctionConfig).offers.find((o) => o.id === id);
          expect(lazy?.get(id)).toEqual(want);
          expect(decoded.get(id)).toEqual(want);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("gives every line the verdict the scan gives", () => {
    fc.assert(
      fc.property(configArb, fc.array(lineArb, { maxLength: 8 }), fc.integer({ min: -3, max: 3 }), (config, lines, dayShift) => {
        const cart: Cart = { currency: "USD", rateMicros: 1_000_000, lines: lines.map((l, i) => ({ ...l, key: `k${i}` })) };
        const now = TODAY + dayShift * DAY;
        const when = { day: Math.floor(now / DAY), earliest: now, latest: now + DAY - 1 };
        const index = functionOfferIndex(JSON.parse(encodeFunctionConfig(config)));
        expect(index).not.toBeNull();
        const byScan = entitleOfferLines(config, cart, when);
        const byIndex = entitleOfferLines(index as NonNullable<typeof index>, cart, when);
        expect([...byIndex.entries()].map(([l, v]) => [l.key, v])).toEqual([...byScan.entries()].map(([l, v]) => [l.key, v]));
      }),
      { numRuns: 1000 },
    );
  });

  it("decodes and checks a messy wire offer exactly as the whole-config parse does", () => {
    const messy = fc.oneof(fc.constant(undefined), fc.integer({ min: -3, max: 3 }), fc.double(), fc.string({ maxLength: 3 }), fc.constant(null), fc.boolean());
    const idList = fc.oneof(messy, fc.array(fc.oneof(fc.integer({ min: 1, max: 99 }), fc.constantFrom("11", "x"), messy), { maxLength: 3 }));
    const disc = fc.oneof(messy, fc.tuple(fc.integer({ min: 0, max: 3 }), fc.oneof(fc.integer({ min: 0, max: 9999 }), messy)));
    const wireOffer = fc.record(
      {
        i: fc.constant("oa"),
        t: fc.oneof(fc.constantFrom("U", "C", "B"), messy),
        v: idList,
        c: fc.oneof(fc.integer({ min: 0, max: 9999 }), messy),
        g: fc.oneof(messy, fc.record({ a: fc.oneof(fc.constant(1), messy), p: idList, v: idList, c: idList, t: fc.oneof(messy, fc.array(fc.oneof(fc.string({ maxLength: 2 }), messy), { maxLength: 2 })), n: fc.oneof(fc.integer(), messy), j: fc.oneof(fc.integer(), messy) }, { requiredKeys: [] })),
        a: fc.oneof(fc.integer(), messy),
        y: fc.oneof(fc.integer(), messy),
        b: fc.oneof(messy, fc.array(fc.oneof(messy, fc.array(fc.oneof(fc.integer({ min: -1, max: 3 }), messy), { maxLength: 3 })), { maxLength: 2 })),
        d: disc,
        x: fc.oneof(messy, fc.dictionary(fc.constantFrom("a", "b", "__proto__", "constructor"), disc, { maxKeys: 3 })),
        // An automatic offer's rule: a list of products, or { x, k, t } with collections and tags (decision 0096).
        r: fc.oneof(messy, idList, fc.record({ x: idList, k: idList, t: fc.oneof(messy, fc.array(fc.oneof(fc.string({ maxLength: 2 }), messy), { maxLength: 2 })) }, { requiredKeys: [] })),
      },
      { requiredKeys: ["i"] },
    );
    fc.assert(
      fc.property(wireOffer, (w) => {
        const cfg = { w: 2, o: [w] };
        const whole = parseFunctionConfig(JSON.parse(JSON.stringify(cfg)));
        const got = functionOfferIndex(JSON.parse(JSON.stringify(cfg)))?.get("oa");
        expect(got).toEqual(whole ? whole.offers[0] : null);
      }),
      { numRuns: 3000 },
    );
  });

  it("answers null for a named offer that does not decode, and refuses a config that is not the wire form", () => {
    const good = { i: "oa", t: "C", v: [11], c: 2500, d: [1, 1000] };
    const index = functionOfferIndex({ w: 2, o: [good, { i: "ob", v: "not a list" }] });
    expect(index?.get("oa")?.offeredVariants).toEqual(["11"]);
    expect(index?.get("ob")).toBeNull();
    expect(parseFunctionConfig({ w: 2, o: [good, { i: "ob", v: "not a list" }] })).toBeNull();
    expect(functionOfferIndex({ w: 2, o: [{ v: [11] }] })).toBeNull(); // an offer without an id
    expect(functionOfferIndex({ w: 99, o: [good] })).toBeNull(); // a newer version
    expect(functionOfferIndex("not json")).toBeNull();
    const full: FunctionConfig = { v: 1, offers: [{ id: "x", type: "CROSS_SELL", trigger: { match: "ANY", products: [], variants: [], collections: [], tags: [] }, offeredVariants: ["1"], discount: { kind: "NONE" }, capBps: 0 }] };
    // The admin writes only the wire form (decision 0093): anything else discounts nothing.
    expect(parseFunctionConfig(full)).toEqual(full);
    expect(functionOfferIndex(full)).toBeNull();
  });
});
