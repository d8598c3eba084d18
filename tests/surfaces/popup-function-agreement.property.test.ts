import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyDiscount, capAllows, decide, parseStorefrontConfig, type Cart, type CartLine, type Discount, type ReasonCode } from "@tactful/engine";
import { record, settings } from "../../app/offers/offer-fixtures";
import { compileFunctionConfig, compileStorefrontConfig, functionMetafield, storefrontMetafields } from "../../app/offers/offer-compiler";
import type { OfferDefinitionInput, OfferRecord } from "../../app/offers/offer.schema";
import { toDecimalString as decimalString } from "@tactful/engine/money";
import { cartLinesDiscountsGenerateRun } from "../../extensions/tactful-discount/src/cart_lines_discounts_generate_run";
import { input, type LineSpec } from "../../extensions/tactful-discount/src/test-input";

/*
 * Issue 13 item 9 / decision record 0056: what the popup promises, checkout
 * honours, and nothing more. Random offers (sharing products, with cart-value
 * and item-count bounds, bundles, A/B arms and segments) go through the
 * admin's compiler and metafield writers; the storefront decides on the
 * parsed metafields, the Function runs over the cart Shopify would hand it.
 *
 * What the Function cannot see, and so does not enforce (documented in 0056):
 * segment rules (customer, customer tags, new/returning, country, market,
 * locale), the moment, frequency memory, the holdout, and availability. The
 * price cap is enforced by both, each over its own lines: the popup over what
 * it presents, the Function over what the cart actually holds.
 */

const PRODUCTS: Record<string, string[]> = { "1": ["11", "12"], "2": ["21", "22", "23"], "3": ["31"], "4": ["41", "42"] };
const productOf = (v: string) => v.slice(0, 1);
const gidP = (p: string) => `gid://shopify/Product/${p}`;
const gidV = (v: string) => `gid://shopify/ProductVariant/${v}`;

const discountArb: fc.Arbitrary<OfferDefinitionInput["discount"]> = fc.oneof(
  fc.record({ kind: fc.constant("PERCENT" as const), bps: fc.integer({ min: 1, max: 10000 }) }),
  fc.record({ kind: fc.constant("FIXED" as const), amount: fc.integer({ min: 1, max: 4000 }) }),
  fc.constant({ kind: "NONE" as const }),
);
const itemArb = fc.constantFrom(...Object.keys(PRODUCTS)).chain((p) =>
  fc.subarray(PRODUCTS[p] as string[], { minLength: 1 }).map((vs) => ({ productId: gidP(p), handle: `h${p}`, title: `P${p}`, variantIds: vs.map(gidV) })),
);
/** Bounds on a quarter of offers: enough to hit both sides, few enough that offers still show. */
const bound = (max: number) => fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: 0, max }) });

const offerArb = (k: number): fc.Arbitrary<OfferRecord> =>
  fc
    .record({
      type: fc.constantFrom("CROSS_SELL" as const, "BUNDLE" as const),
      triggers: fc.subarray(Object.keys(PRODUCTS), { maxLength: 2 }),
      match: fc.constantFrom("ANY" as const, "ALL" as const),
      subtotalMin: bound(30000),
      subtotalMax: bound(60000),
      itemsMin: bound(4),
      itemsMax: bound(8),
      items: fc.uniqueArray(itemArb, { minLength: 1, maxLength: 3, selector: (i) => i.productId }),
      discount: discountArb,
      arms: fc.option(fc.tuple(fc.option(discountArb, { nil: undefined }), fc.option(discountArb, { nil: undefined })), { nil: undefined }),
      capBps: fc.integer({ min: 500, max: 10000 }),
      customer: fc.constantFrom("ANY" as const, "LOGGED_IN" as const),
      priority: fc.integer({ min: 0, max: 3 }),
    })
    .map((r) =>
      record(
        { id: `o${k}`, name: `Offer ${k}`, type: r.type, priority: r.priority, moments: "ADD_TO_CART,CART" },
        {
          trigger: {
            match: r.match,
            products: r.triggers.map((p) => ({ id: gidP(p) })),
            subtotalMin: r.subtotalMin,
            subtotalMax: r.subtotalMax === null ? null : (r.subtotalMin ?? 0) + r.subtotalMax,
            itemsMin: r.itemsMin,
            itemsMax: r.itemsMax === null ? null : (r.itemsMin ?? 0) + r.itemsMax,
          },
          items: r.items,
          discount: r.discount,
          capBps: r.capBps,
          segment: { customer: r.customer },
          abVariants: r.arms ? r.arms.map((d, i) => ({ id: "ab"[i] as string, weight: 1, ...(d ? { discount: d } : {}) })) : [],
        },
      ),
    );

const configArb = fc.tuple(offerArb(0), offerArb(1), offerArb(2)).chain((os) => fc.subarray(os, { minLength: 1 }));
const shopperLineArb = fc.record({ variant: fc.constantFrom(...Object.values(PRODUCTS).flat()), cents: fc.integer({ min: 100, max: 30000 }), quantity: fc.integer({ min: 1, max: 3 }) });
const pricesArb = fc.record(Object.fromEntries(Object.values(PRODUCTS).flat().map((v) => [v, fc.integer({ min: 0, max: 20000 })])) as Record<string, fc.Arbitrary<number>>);
const rateArb = fc.constantFrom("1.0", "0.925", "1.3571");

function compile(records: OfferRecord[]) {
  const storefront = compileStorefrontConfig(records, settings);
  const values = storefrontMetafields(storefront).map((m) => m.value);
  const parsed = parseStorefrontConfig(values[0], ...values.slice(1));
  const fn = compileFunctionConfig(records, settings);
  return { parsed, fn, metafield: JSON.parse(functionMetafield(fn, "USD").value) as unknown };
}

/** Per-unit price each line is charged after the Function's operations, as Shopify applies a product discount. */
function charged(lines: LineSpec[], cart: Cart | null, run: ReturnType<typeof cartLinesDiscountsGenerateRun>): Map<string, number> {
  const out = new Map<string, number>();
  lines.forEach((l, i) => out.set(`gid://shopify/CartLine/${i}`, cart?.lines.find((x) => x.key === `gid://shopify/CartLine/${i}`)?.unitPrice ?? NaN));
  // A candidate's value applies to each of its targets (a fixed amount to each item: appliesToEachItem).
  for (const c of run.operations.flatMap((op) => op.productDiscountsAdd?.candidates ?? []))
    for (const t of c.targets) {
      const id = t.cartLine?.id ?? "";
      const unit = out.get(id) ?? NaN;
      const off = c.value.percentage ? Math.round((unit * Math.round(Number(c.value.percentage.value) * 100)) / 10000) : Math.round(Number(c.value.fixedAmount?.amount) * 100);
      out.set(id, Math.max(0, unit - off));
    }
  return out;
}

const rateMicrosOf = (rate: string) => Math.round(Number(rate) * 1_000_000);
const ctx = (visitorId: string, loggedIn: boolean) => ({ moment: "ADD_TO_CART" as const, loggedIn, customerTags: [], locale: "en", visitorId });
const fresh = () => ({ shownThisSession: 0, dismissedAt: {}, accepted: [], shownOfferIds: [] });
const NOW = Date.UTC(2026, 10, 22, 12);

describe("what the popup promises, checkout honours, and nothing more (decision record 0056)", () => {
  it("for random configs and carts, every price the popup shows is the price the Function charges once accepted", () => {
    let shown = 0;
    let discounted = 0;
    fc.assert(
      fc.property(configArb, fc.array(shopperLineArb, { minLength: 1, maxLength: 4 }), pricesArb, rateArb, fc.string({ minLength: 1, maxLength: 6 }), fc.boolean(), fc.constantFrom("default", "other", "priciest"), (records, shopper, prices, rate, visitor, loggedIn, pick) => {
        const { parsed, fn, metafield } = compile(records);
        if (!parsed) return false;
        const rateMicros = rateMicrosOf(rate);
        const own: CartLine[] = shopper.map((l, i) => ({ key: `s${i}`, productId: productOf(l.variant), variantId: l.variant, quantity: l.quantity, unitPrice: l.cents }));
        const variants = Object.fromEntries(Object.entries(prices).map(([v, p]) => [v, { unitPrice: p, available: true }]));
        const d = decide(parsed, { currency: "USD", rateMicros, lines: own, variants }, ctx(visitor, loggedIn), fresh(), NOW);
        if (!d.show) return true;
        shown++;
        // Accept as the popup does: per card the default variant, or another the popup lists (one pricier than the
        // default only within the card's share of the cap's headroom, buildView in extensions/tactful-embed/src/decide-and-show.ts),
        // quantity 1, with the offer (and arm) properties. "priciest" is the shopper who upgrades every card.
        const picked = d.items.map((it, j) => {
          const base = it.discountedPrice ?? 0;
          const priceOf = (v: string) => applyDiscount(prices[v] as number, d.discount, rateMicros);
          const options = it.variantIds.filter((v, k) => k === 0 || (priceOf(v) - base) * d.items.length <= d.headroom);
          if (pick === "priciest") return options.reduce((a, b) => (priceOf(b) > priceOf(a) ? b : a));
          return pick === "default" ? (options[0] as string) : (options[j % options.length] as string);
        });
        const added: LineSpec[] = picked.map((v) => ({ variant: v, product: productOf(v), price: decimalString(prices[v] as number, 2), offer: d.offerId, ...(d.abVariantId ? { abVariant: d.abVariantId } : {}) }));
        const lines: LineSpec[] = [...shopper.map((l) => ({ variant: l.variant, product: productOf(l.variant), price: decimalString(l.cents, 2), quantity: l.quantity })), ...added];
        const inp = input(fn, lines, { rate, jsonValue: metafield });
        const run = cartLinesDiscountsGenerateRun(inp);
        const prices2 = charged(lines, { currency: "USD", rateMicros, lines: lines.map((l, i) => ({ key: `gid://shopify/CartLine/${i}`, productId: l.product, variantId: l.variant, quantity: l.quantity ?? 1, unitPrice: Math.round(Number(l.price) * 100) })) }, run);
        d.items.forEach((it, j) => {
          const key = `gid://shopify/CartLine/${shopper.length + j}`;
          const v = picked[j] as string;
          // The price the popup shows for the picked variant (for the default, the decision's own discountedPrice).
          const shownPrice = v === it.variantIds[0] ? it.discountedPrice : applyDiscount(prices[v] as number, d.discount, rateMicros);
          expect({ offer: d.offerId, variant: v, charged: prices2.get(key) }).toEqual({ offer: d.offerId, variant: v, charged: shownPrice });
          if (shownPrice !== prices[v]) discounted++;
        });
        // Shopper lines are never discounted.
        shopper.forEach((l, i) => expect(prices2.get(`gid://shopify/CartLine/${i}`)).toBe(l.cents));
        return true;
      }),
      { numRuns: 3_000 },
    );
    expect(shown).toBeGreaterThan(300);
    expect(discounted).toBeGreaterThan(150);
    console.info(`popup → Function: ${shown} popups shown, ${discounted} discounted items compared`);
  }, 120_000);

  it("for random carts with forged offer lines, the Function discounts only what the popup would show (segment rules aside) at the price it would show", () => {
    let discounted = 0;
    const SEEN_BY_FUNCTION: ReasonCode[] = ["NOT_IN_SCHEDULE", "TRIGGER_NOT_IN_CART", "SUBTOTAL_OUT_OF_RANGE", "ITEM_COUNT_OUT_OF_RANGE"];
    const forgedArb = fc.record({
      variant: fc.constantFrom(...Object.values(PRODUCTS).flat()),
      cents: fc.integer({ min: 0, max: 20000 }),
      quantity: fc.integer({ min: 0, max: 3 }),
      offer: fc.constantFrom("o0", "o1", "o2", "forged"),
      abVariant: fc.option(fc.constantFrom("a", "b", "z"), { nil: undefined }),
    });
    fc.assert(
      fc.property(configArb, fc.array(shopperLineArb, { maxLength: 4 }), fc.array(forgedArb, { minLength: 1, maxLength: 5 }), rateArb, (records, shopper, forged, rate) => {
        const { parsed, fn, metafield } = compile(records);
        if (!parsed) return false;
        const rateMicros = rateMicrosOf(rate);
        const lines: LineSpec[] = [
          ...shopper.map((l) => ({ variant: l.variant, product: productOf(l.variant), price: decimalString(l.cents, 2), quantity: l.quantity })),
          ...forged.map((l) => ({ variant: l.variant, product: productOf(l.variant), price: decimalString(l.cents, 2), quantity: l.quantity, offer: l.offer, ...(l.abVariant ? { abVariant: l.abVariant } : {}) })),
        ];
        const cartLines: CartLine[] = lines.map((l, i) => ({
          key: `gid://shopify/CartLine/${i}`,
          productId: l.product,
          variantId: l.variant,
          quantity: l.quantity ?? 1,
          unitPrice: Math.round(Number(l.price) * 100),
          ...(l.offer ? { offerId: l.offer } : {}),
          ...(l.abVariant ? { abVariantId: l.abVariant } : {}),
        }));
        const run = cartLinesDiscountsGenerateRun(input(fn, lines, { rate, jsonValue: metafield }));
        const after = charged(lines, { currency: "USD", rateMicros, lines: cartLines }, run);
        for (const l of cartLines) {
          const price = after.get(l.key) ?? NaN;
          if (price === l.unitPrice) continue;
          discounted++;
          const o = parsed.offers.find((x) => x.id === l.offerId);
          expect(o).toBeDefined();
          if (!o) return false;
          // The popup, in the cart as it was before this offer's lines were added, for a shopper the segment admits.
          const before = cartLines.filter((x) => x.offerId !== o.id);
          const variants = Object.fromEntries(o.items.flatMap((i) => i.variantIds).map((v) => [v, { unitPrice: 100, available: true }]));
          const r = decide({ ...parsed, offers: [o] }, { currency: "USD", rateMicros, lines: before, variants }, ctx("v", true), fresh(), NOW);
          const codes = r.show ? [] : (r.reasons[0]?.codes ?? []);
          expect(codes.filter((c) => SEEN_BY_FUNCTION.includes(c))).toEqual([]);
          // Only variants the offer presents, and for a bundle only while all of its items are there.
          expect(o.items.some((i) => i.variantIds.includes(l.variantId))).toBe(true);
          const held = cartLines.filter((x) => x.offerId === o.id && x.quantity > 0);
          if (o.type === "BUNDLE") expect(o.items.every((i) => held.some((x) => i.variantIds.includes(x.variantId)))).toBe(true);
          // At the price the popup would show for the arm the line claims.
          const arm = o.abVariants.find((v) => v.id === l.abVariantId);
          const discount: Discount = arm?.discount ?? o.discount;
          expect(price).toBe(applyDiscount(l.unitPrice, discount, rateMicros));
          // And the offer's lines together, as charged, stay within its cap over the shopper's own lines.
          const base = cartLines.filter((x) => !x.offerId).reduce((n, x) => n + x.unitPrice * x.quantity, 0);
          const increase = held.filter((x) => o.items.some((i) => i.variantIds.includes(x.variantId))).reduce((n, x) => n + (after.get(x.key) ?? NaN) * x.quantity, 0);
          expect(capAllows(increase, base, o.capBps)).toBe(true);
        }
        return true;
      }),
      { numRuns: 3_000 },
    );
    console.info(`Function → popup: ${discounted} discounted lines checked`);
    expect(discounted).toBeGreaterThan(60);
  }, 120_000);
});
