import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateOfferLine, type Discount, type FunctionOffer } from "@tactful/engine";
import { cartLinesDiscountsGenerateRun } from "./cart_lines_discounts_generate_run";
import { toDecimalString as decimalString } from "@tactful/engine/money";
import { toEngineCart } from "./read-input";
import { shopClock } from "./shop-clock";
import { config, input, metafieldValue, offer, type LineSpec } from "./test-input";

/*
 * 10,000 random carts against random configs. Small id pools make triggers,
 * offered variants and forged ids collide often, so every branch is hit.
 */
const DAY = 86_400_000;
const TODAY = Date.UTC(2026, 10, 22);
const PRODUCTS = ["1", "2", "3", "4"];
const VARIANTS = ["11", "12", "21", "31", "41"];
const productOf = (v: string) => v.slice(0, 1);
const OFFER_IDS = ["oa", "ob", "oc"];

const discount: fc.Arbitrary<Discount> = fc.oneof(
  fc.record({ kind: fc.constant("PERCENT" as const), bps: fc.integer({ min: 0, max: 10000 }) }),
  fc.record({ kind: fc.constant("FIXED" as const), amount: fc.integer({ min: 0, max: 6000 }) }),
  fc.constant({ kind: "NONE" as const }),
);

const offerArb = (id: string): fc.Arbitrary<FunctionOffer> =>
  fc
    .record({
      match: fc.constantFrom("ANY" as const, "ALL" as const),
      products: fc.subarray(PRODUCTS, { maxLength: 2 }),
      offeredVariants: fc.subarray(VARIANTS, { minLength: 1, maxLength: 3 }),
      discount,
      variantB: fc.option(discount, { nil: undefined }),
      capBps: fc.integer({ min: 0, max: 20000 }),
      startsIn: fc.option(fc.integer({ min: -20, max: 20 }), { nil: undefined }),
      endsIn: fc.option(fc.integer({ min: -20, max: 20 }), { nil: undefined }),
    })
    .map((r) =>
      offer({
        id,
        trigger: { match: r.match, products: r.products, variants: [], collections: [], tags: [] },
        offeredVariants: r.offeredVariants,
        discount: r.discount,
        ...(r.variantB ? { variantDiscounts: { b: r.variantB } } : {}),
        capBps: r.capBps,
        ...(r.startsIn !== undefined ? { startsAt: TODAY + r.startsIn * DAY } : {}),
        ...(r.endsIn !== undefined ? { endsAt: TODAY + r.endsIn * DAY } : {}),
      }),
    );

const lineArb: fc.Arbitrary<LineSpec> = fc
  .record({
    variant: fc.constantFrom(...VARIANTS),
    cents: fc.integer({ min: 0, max: 40000 }),
    quantity: fc.integer({ min: 0, max: 5 }),
    offer: fc.option(fc.constantFrom(...OFFER_IDS, "forged"), { nil: undefined }),
    abVariant: fc.option(fc.constantFrom("a", "b"), { nil: undefined }),
  })
  .map((l) => ({
    variant: l.variant,
    product: productOf(l.variant),
    price: decimalString(l.cents, 2),
    quantity: l.quantity,
    ...(l.offer !== undefined ? { offer: l.offer } : {}),
    ...(l.abVariant !== undefined ? { abVariant: l.abVariant } : {}),
  }));

const scenario = fc.record({
  offers: fc.tuple(offerArb("oa"), offerArb("ob"), offerArb("oc")).chain((os) => fc.subarray(os, { minLength: 1 })),
  lines: fc.array(lineArb, { maxLength: 12 }),
  rate: fc.constantFrom("1.0", "0.925", "1.3571"),
});

/** Largest per-unit reduction the config allows for an offer, in presentment minor units (rounded up). */
function maxPerUnit(o: FunctionOffer, unitPrice: number, rateMicros: number): number {
  let most = 0;
  for (const d of [o.discount, ...Object.values(o.variantDiscounts ?? {})]) {
    if (d.kind === "PERCENT") most = Math.max(most, Math.ceil((unitPrice * Math.min(10000, d.bps)) / 10000));
    if (d.kind === "FIXED") most = Math.max(most, Math.ceil((d.amount * rateMicros) / 1e6));
  }
  return Math.min(unitPrice, most);
}

describe("discount Function properties", () => {
  it("over 10,000 random carts, no line is discounted unless the engine entitles it, and no discount exceeds the configured amounts or the cap", () => {
    let discounted = 0;
    fc.assert(
      fc.property(scenario, ({ offers, lines, rate }) => {
        const cfg = config(...offers);
        const inp = input(cfg, lines, { rate });
        const out = cartLinesDiscountsGenerateRun(inp);
        const cart = toEngineCart(inp, "USD");
        const clock = shopClock(inp.shop.localTime.date);
        if (!cart || !clock) return false;
        const byKey = new Map(cart.lines.map((l) => [l.key, l]));
        // The shopper's own lines: the base of every cap.
        const base = cart.lines.filter((l) => !l.offerId && l.quantity > 0).reduce((s, l) => s + l.unitPrice * l.quantity, 0);
        const candidates = out.operations.flatMap((op) => op.productDiscountsAdd?.candidates ?? []);
        // Lines given the same value share a candidate (decision 0065): each target is one discounted line.
        const targeted = candidates.flatMap((c) => c.targets.map((t) => ({ id: t.cartLine?.id, value: c.value })));
        expect(new Set(targeted.map((t) => t.id)).size).toBe(targeted.length);
        let total = 0;
        let allowed = 0;
        for (const c of targeted) {
          const id = c.id;
          const line = id === undefined ? undefined : byKey.get(id);
          expect(line?.offerId).toBeDefined();
          if (!line?.offerId) return false;
          for (const now of [clock.earliest, clock.latest]) expect(validateOfferLine(cfg, cart, line, now).entitled).toBe(true);
          const o = cfg.offers.find((x) => x.id === line.offerId);
          if (!o) return false;
          const perUnit = c.value.percentage
            ? Math.ceil((line.unitPrice * Math.round(Number(c.value.percentage.value) * 100)) / 10000)
            : Math.round(Number(c.value.fixedAmount?.amount) * 100);
          const most = maxPerUnit(o, line.unitPrice, cart.rateMicros);
          expect(perUnit).toBeLessThanOrEqual(most);
          total += perUnit * line.quantity;
          allowed += most * line.quantity;
          // The cap, computed independently: even at the largest reduction, this offer's lines fit under it.
          const added = cart.lines
            .filter((l) => l.offerId === o.id && o.offeredVariants.includes(l.variantId))
            .reduce((s, l) => s + Math.max(0, l.unitPrice - maxPerUnit(o, l.unitPrice, cart.rateMicros)) * Math.max(0, l.quantity), 0);
          expect(added * 10000).toBeLessThanOrEqual(o.capBps * base);
          discounted++;
        }
        expect(total).toBeLessThanOrEqual(allowed);
        // And every line the engine entitles at both ends of the day gets its discount.
        for (const l of cart.lines) {
          if (!l.offerId) continue;
          const v1 = validateOfferLine(cfg, cart, l, clock.earliest);
          const v2 = validateOfferLine(cfg, cart, l, clock.latest);
          const worth = v1.entitled && v2.entitled && !(v1.discount.kind === "PERCENT" && v1.discount.bps <= 0) && !(v1.discount.kind === "FIXED" && (v1.discount.amount <= 0 || l.unitPrice <= 0));
          if (worth) expect(targeted.some((c) => c.id === l.key)).toBe(true);
        }
        return true;
      }),
      { numRuns: 10_000 },
    );
    // Guard against a generator that never reaches the interesting branch.
    expect(discounted).toBeGreaterThan(150);
  });

  it("the same carts with the metafield's shop currency missing still never exceed the configured amounts", () => {
    fc.assert(
      fc.property(scenario, ({ offers, lines }) => {
        const cfg = config(...offers);
        const { shopCurrency: _dropped, ...rest } = metafieldValue(cfg) as Record<string, unknown>;
        const out = cartLinesDiscountsGenerateRun(input(cfg, lines, { jsonValue: rest }));
        for (const c of out.operations.flatMap((op) => op.productDiscountsAdd?.candidates ?? [])) {
          const pct = c.value.percentage ? Number(c.value.percentage.value) : 0;
          expect(pct).toBeLessThanOrEqual(100);
        }
        return true;
      }),
      { numRuns: 1_000 },
    );
  });
});
