/*
 * Property tests: random offer sets, carts and memories. The invariants are
 * re-checked here with independent, deliberately naive code (BigInt money,
 * linear scans), not with the engine's own helpers.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decide } from "./decide";
import type { Cart, CartLine, CompiledOffer, Discount, FrequencyMemory, FunctionConfig, FunctionOffer, ShopperContext, StorefrontConfig } from "./types";
import { entitleOfferLines, validateOfferLine } from "./validate-line";

const RUNS = { numRuns: 10_000 };
/** Mostly the permissive value, sometimes the random one: keeps the "shown" path well exercised. */
const mostly = <T>(easy: T, arb: fc.Arbitrary<T>, easyWeight = 3) => fc.oneof({ arbitrary: fc.constant(easy), weight: easyWeight }, { arbitrary: arb, weight: 1 });
const DAY = 86_400_000;
const T0 = 1_780_000_000_000;

const productId = fc.constantFrom("1", "2", "3", "4", "5", "6");
const variantId = fc.constantFrom("v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8");
const offeredVariant = fc.constantFrom("w1", "w2", "w3", "w4", "w5", "w6");
const offerId = fc.constantFrom("a", "b", "c", "d", "e");
const tag = fc.constantFrom("gift", "Summer", "eco");
const moment = fc.constantFrom("ADD_TO_CART", "CART", "PRE_CHECKOUT", "CHECKOUT", "THANK_YOU" as const);
const discount: fc.Arbitrary<Discount> = fc.oneof(
  fc.constant({ kind: "NONE" as const }),
  fc.record({ kind: fc.constant("PERCENT" as const), bps: fc.integer({ min: 0, max: 10000 }) }),
  fc.record({ kind: fc.constant("FIXED" as const), amount: fc.integer({ min: 0, max: 5000 }) }),
);
const item = fc.record({ productId, handle: fc.constantFrom("socks", "case", "pro"), variantIds: fc.array(offeredVariant, { minLength: 1, maxLength: 3 }) });
const trigger = fc.record(
  {
    match: fc.constantFrom("ANY" as const, "ALL" as const),
    products: fc.array(productId, { maxLength: 2 }),
    variants: mostly([], fc.array(variantId, { maxLength: 2 })),
    collections: mostly([], fc.array(fc.constantFrom("c1", "c2"), { maxLength: 1 })),
    tags: mostly([], fc.array(tag, { maxLength: 1 })),
    subtotalMin: fc.integer({ min: 0, max: 8000 }),
    subtotalMax: fc.integer({ min: 20000, max: 200000 }),
    itemsMin: fc.integer({ min: 0, max: 2 }),
    itemsMax: fc.integer({ min: 2, max: 20 }),
  },
  { requiredKeys: ["match", "products", "variants", "collections", "tags"] },
);
const segment = mostly(
  { customer: "ANY" as const, tagsInclude: [], tagsExclude: [], history: "ANY" as const, countries: [], markets: [], locales: [] },
  fc.record({
  customer: fc.constantFrom("ANY" as const, "LOGGED_IN" as const, "GUEST" as const),
  tagsInclude: fc.array(fc.constantFrom("vip", "staff"), { maxLength: 1 }),
  tagsExclude: fc.array(fc.constantFrom("vip", "wholesale"), { maxLength: 1 }),
  history: fc.constantFrom("ANY" as const, "NEW" as const, "RETURNING" as const),
  countries: fc.array(fc.constantFrom("DE", "FR"), { maxLength: 1 }),
  markets: fc.array(fc.constantFrom("eu", "us"), { maxLength: 1 }),
  locales: fc.array(fc.constantFrom("en", "de", "pt"), { maxLength: 1 }),
  }),
  1,
);
const copy = (headline: string) => ({ headline, body: "", accept: "y", decline: "n" });
// Copy in every language the shoppers below speak, in English only, or none at all (decision record 0074).
const content = fc.constantFrom({ en: copy("en"), de: copy("de"), pt: copy("pt"), ar: copy("ar") }, { en: copy("en"), de: copy("de"), pt: copy("pt"), ar: copy("ar") }, { en: copy("en") }, undefined);

const compiledOffer: fc.Arbitrary<CompiledOffer> = fc
  .record(
    {
      id: offerId,
      type: fc.constantFrom("UPSELL" as const, "CROSS_SELL" as const, "BUNDLE" as const),
      priority: fc.integer({ min: -2, max: 2 }),
      moments: mostly(["ADD_TO_CART", "CART", "PRE_CHECKOUT", "CHECKOUT", "THANK_YOU"], fc.uniqueArray(moment, { minLength: 1, maxLength: 5 }), 1),
      trigger,
      segment,
      startsAt: fc.integer({ min: T0 - 3 * DAY, max: T0 }),
      endsAt: fc.integer({ min: T0, max: T0 + 3 * DAY }),
      items: fc.array(item, { minLength: 1, maxLength: 5 }),
      upgrades: fc.array(fc.record({ fromProductId: productId, fromVariantId: variantId, to: item }, { requiredKeys: ["fromProductId", "to"] }), { minLength: 1, maxLength: 4 }),
      discount,
      capBps: mostly(10000, fc.integer({ min: 0, max: 10000 }), 1),
      delayMs: fc.integer({ min: 0, max: 5000 }),
      urgency: fc.record({ lowStockBelow: fc.integer({ min: 1, max: 9 }), showEndDate: fc.boolean() }, { requiredKeys: ["showEndDate"] }),
      content,
      abVariants: fc.array(fc.record({ id: fc.constantFrom("x", "y", "z"), weight: fc.integer({ min: 0, max: 5 }), discount: fc.option(discount, { nil: undefined }), delayMs: fc.option(fc.nat(3000), { nil: undefined }) }, { requiredKeys: ["id", "weight"] }), { maxLength: 4 }),
      holdoutBps: mostly(0, fc.integer({ min: 0, max: 10000 })),
      fallbackToDefaultLocale: fc.boolean(),
    },
    { requiredKeys: ["id", "type", "priority", "moments", "trigger", "segment", "items", "upgrades", "discount", "capBps", "delayMs", "urgency", "abVariants", "holdoutBps"] },
  )
  .map((o) => {
    const c = { ...o } as CompiledOffer;
    if (c.content === undefined) delete c.content;
    return c;
  });

const cartLine = (i: number): fc.Arbitrary<CartLine> =>
  fc.record(
    {
      key: fc.constant(`k${i}`),
      productId,
      variantId: fc.oneof({ arbitrary: variantId, weight: 6 }, { arbitrary: offeredVariant, weight: 1 }),
      quantity: mostly(1, fc.integer({ min: 0, max: 4 }), 1),
      unitPrice: fc.integer({ min: 0, max: 30000 }),
      collectionIds: fc.array(fc.constantFrom("c1", "c2"), { maxLength: 1 }),
      tags: fc.array(tag, { maxLength: 2 }),
      offerId: fc.option(fc.constantFrom("a", "b", "c", "d", "e", "forged"), { nil: undefined, freq: 2 }),
      abVariantId: fc.option(fc.constantFrom("x", "y", "q"), { nil: undefined }),
    },
    { requiredKeys: ["key", "productId", "variantId", "quantity", "unitPrice"] },
  );
const lines = fc.integer({ min: 0, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => cartLine(i))));
const cart: fc.Arbitrary<Cart> = fc.record({
  currency: fc.constant("EUR"),
  rateMicros: fc.constantFrom(1_000_000, 1_500_000, 930_000, 150_000_000),
  lines: lines.map((ls) => ls.map((l, i) => (i === 0 ? { ...l, offerId: undefined, unitPrice: l.unitPrice + 5000 } : l))).map((ls) => ls.map((l) => (l.offerId === undefined ? (({ offerId: _, ...rest }) => rest)(l) : l))),
  variants: fc.dictionary(offeredVariant, fc.record({ unitPrice: fc.integer({ min: 0, max: 40000 }), available: mostly(true, fc.boolean()) }), { minKeys: 4 }),
});
const context: fc.Arbitrary<ShopperContext> = fc.record(
  {
    moment,
    loggedIn: fc.boolean(),
    customerTags: fc.array(fc.constantFrom("vip", "VIP", "wholesale", "staff"), { maxLength: 2 }),
    returning: fc.boolean(),
    country: fc.constantFrom("DE", "FR", "US"),
    market: fc.constantFrom("eu", "us"),
    locale: fc.constantFrom("en", "de", "pt-BR", "ar"),
    visitorId: fc.string({ minLength: 1, maxLength: 12 }),
  },
  { requiredKeys: ["moment", "loggedIn", "customerTags", "locale", "visitorId"] },
);
const mem: fc.Arbitrary<FrequencyMemory> = mostly(
  { shownThisSession: 0, dismissedAt: {}, accepted: [], shownOfferIds: [] },
  fc.record({
  shownThisSession: fc.integer({ min: 0, max: 3 }),
  dismissedAt: fc.dictionary(offerId, fc.integer({ min: T0 - 10 * DAY, max: T0 + DAY })),
  accepted: fc.array(offerId, { maxLength: 2 }),
  shownOfferIds: fc.array(offerId, { maxLength: 2 }),
  }),
  1,
);
const storefront: fc.Arbitrary<StorefrontConfig> = fc.record(
  {
  v: fc.constant(1 as const),
  settings: fc.record({
    capBps: fc.constant(2500),
    maxPerSession: fc.integer({ min: 1, max: 3 }),
    cooldownDays: fc.integer({ min: 0, max: 7 }),
    paused: mostly(false, fc.boolean()),
    defaultLocale: fc.constant("en"),
    style: fc.constant({ accent: "#000000", radius: 4, position: "center" as const, scheme: "light" as const }),
  }),
  // Offer ids are database ids: unique within a config.
  offers: fc.uniqueArray(compiledOffer, { maxLength: 5, selector: (o) => o.id }),
  collections: fc.constant({ c1: ["1", "2"], c2: ["5"] }),
  },
  { requiredKeys: ["v", "settings", "offers"] },
);
const now = fc.integer({ min: T0 - 2 * DAY, max: T0 + 2 * DAY });

/* ---- naive, independent re-implementations ---- */
const big = BigInt;
function roundDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n - q * d;
  const ar = r < 0n ? -r : r;
  return 2n * ar >= d ? q + (n < 0n ? -1n : 1n) : q;
}
function discounted(price: number, d: Discount, rate: number): bigint {
  const p = big(price);
  let off = 0n;
  if (d.kind === "PERCENT") off = roundDiv(p * big(Math.min(10000, Math.max(0, d.bps))), 10000n);
  if (d.kind === "FIXED") off = roundDiv(big(Math.max(0, d.amount)) * big(rate), 1_000_000n);
  const v = p - off;
  return v < 0n ? 0n : v;
}
const own = (c: Cart) => c.lines.filter((l) => !l.offerId && l.quantity > 0);
function segmentOk(o: CompiledOffer, x: ShopperContext): boolean {
  const s = o.segment;
  const tags = x.customerTags.map((t) => t.toLowerCase());
  if (s.customer === "LOGGED_IN" && !x.loggedIn) return false;
  if (s.customer === "GUEST" && x.loggedIn) return false;
  if (s.tagsInclude.length > 0 && !s.tagsInclude.some((t) => tags.includes(t))) return false;
  if (s.tagsExclude.some((t) => tags.includes(t))) return false;
  if (s.history === "NEW" && x.returning !== false) return false;
  if (s.history === "RETURNING" && x.returning !== true) return false;
  if (s.countries.length > 0 && !s.countries.includes(x.country ?? "")) return false;
  if (s.markets.length > 0 && !s.markets.includes(x.market ?? "")) return false;
  if (s.locales.length > 0 && !s.locales.some((l) => x.locale === l || x.locale.startsWith(l + "-"))) return false;
  return true;
}
function triggerHeld(t: FunctionOffer["trigger"], ls: CartLine[], map?: Record<string, string[]>): boolean {
  if (ls.length === 0) return false;
  const hit = [
    ...t.products.map((p) => ls.some((l) => l.productId === p)),
    ...t.variants.map((v) => ls.some((l) => l.variantId === v)),
    ...t.collections.map((c) => ls.some((l) => (l.collectionIds ?? []).includes(c) || (map?.[c] ?? []).includes(l.productId))),
    ...t.tags.map((g) => ls.some((l) => (l.tags ?? []).some((x) => x.toLowerCase() === g.toLowerCase()))),
  ];
  if (hit.length === 0) return true;
  return t.match === "ALL" ? hit.every((h) => h) : hit.some((h) => h);
}

describe("decide, over random offer sets, carts and memories", () => {
  it("never throws and is deterministic", () => {
    fc.assert(
      fc.property(storefront, cart, context, mem, now, (cfg, c, x, m, t) => {
        const a = decide(cfg, c, x, m, t);
        const b = decide(structuredClone(cfg), structuredClone(c), structuredClone(x), structuredClone(m), t);
        expect(b).toEqual(a);
      }),
      RUNS,
    );
  }, 120_000);

  it("never returns an offer that breaks the cap, schedule, segment, frequency or rule of three", () => {
    let shown = 0;
    fc.assert(
      fc.property(storefront, cart, context, mem, now, (cfg, c, x, m, t) => {
        const r = decide(cfg, c, x, m, t);
        if (!r.show) return;
        shown++;
        const o = cfg.offers.find((y) => y.id === r.offerId && y.type === r.type);
        expect(o).toBeDefined();
        if (!o) return;
        const s = cfg.settings;
        expect(s.paused).toBe(false);
        expect(o.moments).toContain(x.moment);
        // schedule
        if (o.startsAt !== undefined) expect(t).toBeGreaterThanOrEqual(o.startsAt);
        if (o.endsAt !== undefined) expect(t).toBeLessThan(o.endsAt);
        // segment
        expect(segmentOk(o, x)).toBe(true);
        // frequency
        expect(m.accepted).not.toContain(o.id);
        expect(m.shownOfferIds).not.toContain(o.id);
        expect(m.shownThisSession).toBeLessThan(s.maxPerSession);
        const d = m.dismissedAt[o.id];
        if (d !== undefined) expect(t - d).toBeGreaterThanOrEqual(s.cooldownDays * DAY);
        // copy in the shopper's own language; another one only where it has none and the offer allows the default locale's (0091)
        const lang = x.locale.split("-")[0] as string;
        if (o.content?.[x.locale] || o.content?.[lang]) {
          expect(r.content.headline).toBe(lang);
          expect(r.contentLocale).toBeUndefined();
        } else {
          expect(o.fallbackToDefaultLocale).toBe(true);
          expect([r.content.headline, r.contentLocale]).toEqual([s.defaultLocale, s.defaultLocale]);
        }
        // rule of three, and nothing offered twice
        expect(r.items.length).toBeGreaterThan(0);
        expect(r.items.length).toBeLessThanOrEqual(3);
        expect(c.lines.some((l) => l.offerId === o.id)).toBe(false);
        // trigger
        const mine = own(c);
        expect(triggerHeld(o.trigger, mine, cfg.collections)).toBe(true);
        // cap, in BigInt
        const cap = big(o.capBps);
        if (o.type === "UPSELL") {
          for (const it of r.items) {
            const l = mine.find((y) => y.key === it.replacesLineKey);
            expect(l).toBeDefined();
            if (!l) return;
            const price = c.variants?.[it.variantIds[0] ?? ""]?.unitPrice ?? NaN;
            const inc = (discounted(price, r.discount, c.rateMicros) - big(l.unitPrice)) * big(l.quantity);
            const base = big(l.unitPrice) * big(l.quantity);
            expect(base > 0n && inc * 10000n <= cap * base).toBe(true);
          }
        } else {
          const base = mine.reduce((n, l) => n + big(l.unitPrice) * big(l.quantity), 0n);
          const inc = r.items.reduce((n, it) => n + discounted(c.variants?.[it.variantIds[0] ?? ""]?.unitPrice ?? NaN, r.discount, c.rateMicros), 0n);
          expect(base > 0n && inc * 10000n <= cap * base).toBe(true);
        }
      }),
      RUNS,
    );
    // The generators must actually exercise the "shown" path.
    expect(shown).toBeGreaterThan(50);
  }, 120_000);
});

const functionOffer: fc.Arbitrary<FunctionOffer> = compiledOffer.map((o) => ({
  id: o.id,
  type: o.type,
  trigger: { match: o.trigger.match, products: o.trigger.products, variants: o.trigger.variants, collections: o.trigger.collections, tags: o.trigger.tags },
  ...(o.startsAt !== undefined ? { startsAt: o.startsAt } : {}),
  ...(o.endsAt !== undefined ? { endsAt: o.endsAt } : {}),
  offeredVariants: [...(o.type === "UPSELL" ? o.upgrades.map((u) => u.to) : o.items)].flatMap((i) => i.variantIds),
  discount: o.discount,
  variantDiscounts: Object.fromEntries(o.abVariants.filter((v) => v.discount).map((v) => [v.id, v.discount as Discount])),
  capBps: o.capBps,
}));
const functionConfig: fc.Arbitrary<FunctionConfig> = fc.record({ v: fc.constant(1 as const), offers: fc.uniqueArray(functionOffer, { maxLength: 5, selector: (o) => o.id }) });
/** Offer lines mostly carry an offered-looking variant, so forgeries get close to passing. */
const fnCart: fc.Arbitrary<Cart> = cart.map((c) => ({ ...c, lines: c.lines.map((l) => (l.offerId ? { ...l, variantId: `w${1 + (l.unitPrice % 6)}`, unitPrice: l.unitPrice % 3000 } : l)) }));

describe("validateOfferLine, over random configs and forged carts", () => {
  it("never entitles a line whose trigger is gone or whose offer id is unknown or forged", () => {
    let entitled = 0;
    fc.assert(
      fc.property(functionConfig, fnCart, fc.nat(10), now, (cfg, c, pick, t) => {
        const line = c.lines[pick % Math.max(1, c.lines.length)];
        if (!line) return;
        const v = validateOfferLine(cfg, c, line, t);
        if (!v.entitled) return;
        entitled++;
        const o = cfg.offers.find((y) => y.id === line.offerId);
        expect(line.offerId).toBeDefined();
        expect(o).toBeDefined();
        if (!o) return;
        expect(v.offerId).toBe(line.offerId);
        expect(o.offeredVariants).toContain(line.variantId);
        if (o.startsAt !== undefined) expect(t).toBeGreaterThanOrEqual(o.startsAt);
        if (o.endsAt !== undefined) expect(t).toBeLessThan(o.endsAt);
        // The trigger holds on the shopper's own lines alone.
        const mine = c.lines.filter((l) => !l.offerId && l.quantity > 0 && l !== line);
        expect(triggerHeld(o.trigger, mine)).toBe(true);
        expect(v.discount.kind).not.toBe("NONE");
        // Cap: all of this offer's lines, discounted, vs the shopper's own subtotal.
        const base = mine.reduce((n, l) => n + big(l.unitPrice) * big(l.quantity), 0n);
        const added = c.lines
          .filter((l) => l.offerId === o.id && o.offeredVariants.includes(l.variantId))
          .reduce((n, l) => n + discounted(l.unitPrice, v.discount, c.rateMicros) * big(Math.max(0, l.quantity)), 0n);
        expect(base > 0n && added * 10000n <= big(o.capBps) * base).toBe(true);
      }),
      RUNS,
    );
    expect(entitled).toBeGreaterThan(50);
  }, 120_000);
});

const MEMBERSHIP: Record<string, Pick<CartLine, "collectionIds" | "tags">> = {
  "1": { collectionIds: [], tags: ["gift"] },
  "2": { collectionIds: ["c1"], tags: ["Summer"] },
  "3": { collectionIds: ["c2"], tags: [] },
  "4": { collectionIds: [], tags: ["eco", "GIFT"] },
  "5": { collectionIds: ["c1"], tags: ["eco"] },
  "6": { collectionIds: [], tags: [] },
};
/** Some offers automatic (decisions 0086, 0096): no variant list, the rule, exclusions by product, collection and tag. */
const autoExclusions = fc.record({ products: fc.array(productId, { maxLength: 2 }), collections: fc.array(fc.constantFrom("c1", "c2"), { maxLength: 1 }), tags: fc.array(fc.constantFrom("GIFT", "eco", "summer"), { maxLength: 2 }) });
const autoConfig: fc.Arbitrary<FunctionConfig> = fc
  .tuple(functionConfig, fc.array(fc.option(autoExclusions, { nil: undefined, freq: 2 }), { minLength: 5, maxLength: 5 }))
  .map(([cfg, autos]) => ({
    ...cfg,
    offers: cfg.offers.map((o, i) => {
      const a = autos[i];
      if (!a) return o;
      const auto: NonNullable<FunctionOffer["auto"]> = { excludeProducts: a.products };
      if (a.collections.length) auto.excludeCollections = a.collections;
      if (a.tags.length) auto.excludeTags = a.tags;
      return { ...o, type: "CROSS_SELL" as const, offeredVariants: [], auto };
    }),
  }));

describe("automatic offers, over random configs and forged carts", () => {
  it("never entitle a line whose product is excluded (by id, collection or tag, tags in any case) or is on the shopper's own lines (with a positive quantity)", () => {
    let entitled = 0;
    let refusedByMembership = 0;
    fc.assert(
      fc.property(autoConfig, fnCart, now, (cfg, forged, t) => {
        // A variant belongs to one product, and collections and tags are the product's, as in Shopify (the rule offers variants of the products it allows).
        const c: Cart = { ...forged, lines: forged.lines.map((l) => ({ ...l, ...(l.offerId ? { variantId: `w${l.productId}` } : {}), ...MEMBERSHIP[l.productId] })) };
        const all = entitleOfferLines(cfg, c, { day: Math.floor(t / DAY), earliest: t, latest: t });
        for (const [line, v] of all) {
          const a = cfg.offers.find((o) => o.id === line.offerId)?.auto;
          if (!a) continue;
          const byMembership =
            (a.excludeCollections ?? []).some((x) => (line.collectionIds ?? []).includes(x)) || (a.excludeTags ?? []).some((x) => (line.tags ?? []).some((y) => y.toLowerCase() === x.toLowerCase()));
          if (byMembership && !v.entitled) refusedByMembership++;
          if (!v.entitled) continue;
          entitled++;
          expect(byMembership).toBe(false);
          expect(a.excludeProducts).not.toContain(line.productId);
          expect(c.lines.some((l) => !l.offerId && l.quantity > 0 && l.productId === line.productId)).toBe(false);
        }
      }),
      RUNS,
    );
    expect(entitled).toBeGreaterThan(50);
    expect(refusedByMembership).toBeGreaterThan(200);
  }, 120_000);
});

describe("entitleOfferLines (judgeOffer: each offer once, verdicts shared), over random configs and forged carts", () => {
  it("gives every line the verdict the per-line reference validateOfferLine gives it", () => {
    let entitled = 0;
    fc.assert(
      fc.property(functionConfig, fnCart, now, (cfg, c, t) => {
        const all = entitleOfferLines(cfg, c, { day: Math.floor(t / DAY), earliest: t, latest: t });
        for (const line of c.lines) {
          const one = validateOfferLine(cfg, c, line, t, Math.floor(t / DAY));
          if (!line.offerId) {
            expect(all.has(line)).toBe(false);
            continue;
          }
          expect(all.get(line)).toEqual(one);
          if (one.entitled) entitled++;
        }
      }),
      RUNS,
    );
    expect(entitled).toBeGreaterThan(50);
  }, 120_000);
});
