import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decide } from "./decide";
import { autoAnchors, autoOfferedVariants, excludedByMembership } from "./recommend";
import { resolveAuto } from "./validate-line";
import { cart, config, ctx, line, memory, NOW, offer } from "./test-fixtures";
import { summarizeCart } from "./trigger";
import { encodeFunctionConfig, encodeStorefrontConfig, functionOfferIndex, parseFunctionConfig, parseStorefrontConfig } from "./wire";
import type { AutoProducts, Candidate, Cart, CartLine, CompiledOffer, FunctionOffer, RecSource } from "./types";

/* Automatic cross-sells (decision record 0085): the engine chooses among the candidates the surface supplies. */

const auto = (over: Partial<AutoProducts> = {}): AutoProducts => ({
  sources: ["co_purchase", "shopify_complementary"],
  excludeProducts: [],
  excludeCollections: [],
  excludeTags: [],
  coPurchase: {},
  ...over,
});
const autoOffer = (a: Partial<AutoProducts> = {}, over: Partial<CompiledOffer> = {}) => offer({ items: [], auto: auto(a), ...over });
const item = (p: string, v = p + "1") => ({ productId: p, handle: "h" + p, variantIds: [v] });
const cand = (source: RecSource, p: string, forProductId = "100", tags?: string[]): Candidate => ({ source, forProductId, item: item(p), ...(tags ? { tags } : {}) });
const priced = (ids: Record<string, number>, available = true) => Object.fromEntries(Object.entries(ids).map(([v, unitPrice]) => [v, { unitPrice, available }]));

function show(o: CompiledOffer, c: Cart) {
  const d = decide(config([o]), c, ctx(), memory(), NOW);
  return d;
}

describe("automatic cross-sell", () => {
  it("takes the sources in the merchant's order, each product once, and says which source chose it", () => {
    const o = autoOffer({ sources: ["shopify_complementary", "co_purchase"], coPurchase: { "100": [item("301"), item("302")] } });
    const c = cart({
      candidates: [cand("shopify_complementary", "302"), cand("shopify_related", "303")],
      variants: priced({ "3011": 500, "3021": 500, "3031": 500 }),
    });
    const d = show(o, c);
    expect(d.show).toBe(true);
    if (!d.show) return;
    expect(d.items.map((i) => [i.productId, i.source, i.forProductId])).toEqual([
      ["302", "shopify_complementary", "100"],
      ["301", "co_purchase", "100"],
    ]);
    // The related source was not chosen by the merchant: its candidate is never shown.
    expect(d.items.some((i) => i.productId === "303")).toBe(false);
  });

  it("offers at most three products", () => {
    const o = autoOffer({ coPurchase: { "100": ["301", "302", "303", "304", "305"].map((p) => item(p)) } }, { capBps: 10000 });
    const d = show(o, cart({ variants: priced({ "3011": 100, "3021": 100, "3031": 100, "3041": 100, "3051": 100 }) }));
    expect(d.show && d.items.map((i) => i.productId)).toEqual(["301", "302", "303"]);
  });

  it("skips a product that would break the 25% cap and takes a cheaper one after it", () => {
    // Cart 100.00: 25.00 of headroom. 301 at 30.00 breaks it alone; 302 (15.00, 13.50 after 10%) fits; 303 (15.00) would take the total to 27.00.
    const o = autoOffer({ coPurchase: { "100": [item("301"), item("302"), item("303")] } });
    const d = show(o, cart({ variants: priced({ "3011": 3000, "3021": 1500, "3031": 1500 }) }));
    expect(d.show && d.items.map((i) => i.productId)).toEqual(["302"]);
  });

  it("says OVER_PRICE_CAP when every recommendation is over the cap", () => {
    const o = autoOffer({ coPurchase: { "100": [item("301")] } });
    const d = show(o, cart({ variants: priced({ "3011": 9000 }) }));
    expect(d.show).toBe(false);
    if (!d.show) expect(d.reasons[0]?.codes).toContain("OVER_PRICE_CAP");
  });

  it("never recommends a product in the cart, another variant of the trigger, an excluded product, collection or tag, or a sold-out one", () => {
    const o = autoOffer(
      { excludeProducts: ["302"], excludeCollections: ["77"], excludeTags: ["Gift-Card"], coPurchase: { "100": [item("100", "1002"), item("500"), item("302"), item("303"), item("304"), item("305"), item("306")] } },
      { capBps: 10000 },
    );
    const c = cart({
      lines: [line(), line({ key: "k2", productId: "500", variantId: "5001", unitPrice: 100 })],
      candidates: [cand("shopify_complementary", "307", "100", ["gift-card"])],
      variants: { ...priced({ "1002": 100, "5001": 100, "3021": 100, "3031": 100, "3041": 100, "3061": 100, "3071": 100 }), "3051": { unitPrice: 100, available: false } },
    });
    const d = decide({ ...config([o]), collections: { "77": ["303"] } }, c, ctx(), memory(), NOW);
    expect(d.show && d.items.map((i) => i.productId)).toEqual(["304", "306"]);
  });

  it("asks for prices first (PRICE_UNKNOWN) when a recommendation's price is missing", () => {
    const o = autoOffer({ coPurchase: { "100": [item("301")] } });
    const d = show(o, cart());
    expect(!d.show && d.reasons[0]?.codes).toEqual(["PRICE_UNKNOWN"]);
  });

  it("says NO_RECOMMENDATION when no source has anything for the cart", () => {
    const d = show(autoOffer({ coPurchase: { "999": [item("301")] } }), cart({ variants: priced({ "3011": 100 }) }));
    expect(!d.show && d.reasons[0]?.codes).toEqual(["NO_RECOMMENDATION"]);
  });

  it("keeps the other rules: segment, the trigger, an accepted offer line in the cart", () => {
    const o = autoOffer({ coPurchase: { "100": [item("301")] } }, { segment: { ...offer().segment, customer: "LOGGED_IN" } });
    const c = cart({ variants: priced({ "3011": 100 }) });
    expect(show(o, c).show).toBe(false);
    const open = autoOffer({ coPurchase: { "100": [item("301")] } });
    expect(show(open, c).show).toBe(true);
    expect(show(open, cart({ lines: [line({ productId: "999" })], variants: priced({ "3011": 100 }) })).show).toBe(false);
    const accepted = cart({ lines: [line(), line({ key: "k2", productId: "301", variantId: "3011", offerId: "o1" })], variants: priced({ "3011": 100 }) });
    const d = show(open, accepted);
    expect(!d.show && d.reasons[0]?.codes).toContain("ALREADY_IN_CART");
  });

  it("recommends for the trigger's lines only, newest first, at most two products", () => {
    const lines = [line({ key: "a", productId: "7" }), line({ key: "b", productId: "100" }), line({ key: "c", productId: "8" }), line({ key: "d", productId: "9" })];
    expect(autoAnchors(offer(), summarizeCart({ ...cart(), lines }))).toEqual(["100"]);
    expect(autoAnchors(offer({ trigger: { match: "ANY", products: [], variants: [], collections: [], tags: [] } }), summarizeCart({ ...cart(), lines }))).toEqual(["7", "100"]);
  });

  it("survives the wire: the storefront and Function configs round-trip an automatic offer", () => {
    const o = autoOffer({ sources: ["shopify_related", "co_purchase"], excludeProducts: ["5"], excludeCollections: ["6"], excludeTags: ["x"], coPurchase: { "100": [item("301")] } });
    const back = parseStorefrontConfig(encodeStorefrontConfig(config([o, offer({ id: "o2" })])).config);
    expect(back?.offers[0]?.auto).toEqual(o.auto);
    expect(back?.offers[1]?.auto).toBeUndefined();
    const fo: FunctionOffer = { id: "o1", type: "CROSS_SELL", trigger: o.trigger, offeredVariants: [], discount: o.discount, capBps: 2500, auto: { excludeProducts: ["5"] } };
    const wire = encodeFunctionConfig({ v: 1, offers: [fo, { ...fo, id: "o2", auto: { excludeProducts: [] } }] });
    expect(parseFunctionConfig(wire)?.offers).toEqual([fo, { ...fo, id: "o2", auto: { excludeProducts: [] } }]);
    expect(functionOfferIndex(wire)?.get("o1")).toEqual(fo);
    expect(functionOfferIndex(wire)?.get("o2")?.auto).toEqual({ excludeProducts: [] });
  });
});

describe("the Function's rule for an automatic offer's lines", () => {
  const fo: FunctionOffer = { id: "o1", type: "CROSS_SELL", trigger: offer().trigger, offeredVariants: [], discount: { kind: "PERCENT", bps: 1000 }, capBps: 2500, auto: { excludeProducts: ["9"] } };
  const lines = [
    { v: "11", p: "1" },
    { v: "12", p: "1" },
    { v: "91", p: "9" }, // excluded
    { v: "1001", p: "100" }, // the shopper's own product: forged
    { v: "21", p: "2" },
    { v: "31", p: "3" },
    { v: "41", p: "4" }, // a fourth product
    { v: "51", p: undefined }, // unreadable
  ];
  it("lets through only allowed products, the first three of them", () => {
    const got = autoOfferedVariants(fo, lines.map((l) => l.v), lines.map((l) => l.p), new Set(["100"]));
    expect(got).toEqual(["11", "12", "21", "31"]);
  });
  it("is nothing for a fixed offer", () => {
    expect(autoOfferedVariants({ ...fo, auto: undefined }, lines.map((l) => l.v), lines.map((l) => l.p), new Set())).toEqual([]);
  });
  it("refuses a line in an excluded collection or with an excluded tag (any case), which then is not one of the three (0096)", () => {
    const excluding: FunctionOffer = { ...fo, auto: { excludeProducts: [], excludeCollections: ["77"], excludeTags: ["Gift-Card"] } };
    const own: CartLine = { key: "k0", productId: "100", variantId: "1001", quantity: 1, unitPrice: 10000 };
    const forged = (k: number, productId: string, more: Partial<CartLine> = {}): CartLine => ({ key: `k${k}`, productId, variantId: `${productId}1`, quantity: 1, unitPrice: 100, offerId: "o1", ...more });
    const mine = [forged(1, "1", { collectionIds: ["77"] }), forged(2, "2", { tags: ["gift-card"] }), forged(3, "3", { collectionIds: ["78"], tags: ["socks"] }), forged(4, "4"), forged(5, "5"), forged(6, "6")];
    expect(resolveAuto(excluding, mine, summarizeCart({ currency: "EUR", rateMicros: 1_000_000, lines: [own, ...mine] })).offeredVariants).toEqual(["31", "41", "51"]);
    expect(excludedByMembership({ excludeProducts: [] }, ["77"], ["gift-card"])).toBe(false);
  });
});

describe("automatic offers: properties", () => {
  const pid = fc.constantFrom("100", "101", "301", "302", "303", "304", "305", "306");
  const source = fc.constantFrom<RecSource>("co_purchase", "shopify_complementary", "shopify_related");
  it("never show more than three products, break the cap, or offer a product already in the cart or excluded", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(source, { minLength: 1, maxLength: 3 }),
        fc.array(pid, { maxLength: 5 }),
        fc.array(fc.record({ source, p: pid, forP: fc.constantFrom("100", "101") }), { maxLength: 12 }),
        fc.array(fc.record({ p: fc.constantFrom("100", "101", "301", "302"), price: fc.integer({ min: 0, max: 20000 }), qty: fc.integer({ min: 1, max: 3 }), offer: fc.boolean() }), { minLength: 1, maxLength: 4 }),
        fc.dictionary(pid, fc.record({ price: fc.integer({ min: 0, max: 8000 }), available: fc.boolean() })),
        fc.array(pid, { maxLength: 2 }),
        fc.integer({ min: 0, max: 10000 }),
        fc.integer({ min: 0, max: 3000 }),
        (sources, co, found, cartLines, prices, exclude, capBps, bps) => {
          const o = autoOffer(
            { sources, excludeProducts: exclude, coPurchase: { "100": co.map((p) => item(p)), "101": co.slice(1).map((p) => item(p)) } },
            { trigger: { match: "ANY", products: ["100", "101"], variants: [], collections: [], tags: [] }, capBps, discount: { kind: "PERCENT", bps } },
          );
          const c: Cart = {
            currency: "EUR",
            rateMicros: 1_000_000,
            lines: cartLines.map((l, i) => ({ key: "k" + i, productId: l.p, variantId: l.p + "1", quantity: l.qty, unitPrice: l.price, ...(l.offer ? { offerId: "other" } : {}) })),
            candidates: found.map((f) => cand(f.source, f.p, f.forP)),
            variants: Object.fromEntries(Object.entries(prices).map(([p, x]) => [p + "1", { unitPrice: x.price, available: x.available }])),
          };
          const d = decide(config([o]), c, ctx(), memory(), NOW);
          if (!d.show) return;
          expect(d.items.length).toBeGreaterThan(0);
          expect(d.items.length).toBeLessThanOrEqual(3);
          const own = c.lines.filter((l) => !l.offerId).reduce((n, l) => n + BigInt(l.unitPrice * l.quantity), 0n);
          let added = 0n;
          for (const it of d.items) {
            expect(c.lines.some((l) => l.productId === it.productId)).toBe(false);
            expect(exclude).not.toContain(it.productId);
            expect(sources).toContain(it.source);
            expect(new Set(d.items.map((x) => x.productId)).size).toBe(d.items.length);
            const p = prices[it.productId];
            expect(p?.available).toBe(true);
            // Independent check of the cap: the discounted price, rounded as applyDiscount may round, never above list.
            added += BigInt(it.discountedPrice ?? -1);
            expect(it.discountedPrice).toBeLessThanOrEqual(p!.price);
          }
          expect(added * 10000n <= BigInt(capBps) * own).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
