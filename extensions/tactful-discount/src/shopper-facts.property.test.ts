import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { summarizeCart, type FunctionOffer } from "@tactful/engine";
import { lookForAsked, shopperFacts, splitCart, toEngineCart } from "./read-input";
import { config, input, offer, type LineSpec } from "./test-input";
import { CurrencyCode } from "../generated/api";

/*
 * shopperFacts (decision 0082) finds the trigger products and variants the
 * named offers ask in one of two ways: each asked GID looked for until found
 * (few asked against many lines), or every line's GID kept. Either way its
 * answers for the asked ids, and its subtotal, items and line count, must be
 * what the engine's summarizeCart gives over the plain toEngineCart reading
 * (whose prices go through unitPriceOf; shopperFacts inlines its fast path),
 * in two-, zero- and three-digit currencies.
 * Carts here are long (up to 60 lines) so that both ways are taken often.
 */
const PRODUCTS = Array.from({ length: 12 }, (_, i) => String(9_000_000_000_000 + i));
const variantOf = (product: string, k: number) => `${product}${k}`;

const lineArb: fc.Arbitrary<LineSpec> = fc
  .record({
    product: fc.constantFrom(...PRODUCTS),
    k: fc.integer({ min: 0, max: 2 }),
    price: fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0, max: 99_999 }).map((c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`) },
      // Shopify's forms in every currency's digits ("4990.0" in yen), extra zeros, more digits than the currency has, and amounts near the reader's exactness bound.
      { weight: 2, arbitrary: fc.tuple(fc.nat({ max: 99_999 }), fc.constantFrom("", "0", "5", "00", "05", "50", "000", "125", "1250", "0000")).map(([w, f]) => `${w}.${f}`) },
      { weight: 1, arbitrary: fc.bigInt({ min: 2n ** 49n, max: 2n ** 53n }).map((n) => `${n / 1000n}.${String(n % 1000n).padStart(3, "0")}`) },
      { weight: 1, arbitrary: fc.constantFrom("1e3", "-2.00", " 4.5", "", "7.005", "12") },
    ),
    quantity: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 5 }) }, { weight: 1, arbitrary: fc.constantFrom(0, -1, 2 ** 31, 2 ** 53) }),
    offerLine: fc.boolean(),
  })
  .map((l) => ({
    product: l.product,
    variant: variantOf(l.product, l.k),
    price: l.price,
    quantity: l.quantity,
    ...(l.offerLine ? { offer: "o0" } : {}),
  }));

const triggerArb = fc.record({
  products: fc.subarray(PRODUCTS, { maxLength: 6 }),
  variants: fc.subarray(
    PRODUCTS.flatMap((p) => [variantOf(p, 0), variantOf(p, 1)]),
    { maxLength: 6 },
  ),
});

describe("shopperFacts answers as summarizeCart over the plain reading", () => {
  it("for every asked product and variant, and the subtotal, items and line count, whichever way it looks", () => {
    let lookedFor = 0;
    let keptEvery = 0;
    fc.assert(
      fc.property(fc.array(triggerArb, { minLength: 1, maxLength: 3 }), fc.array(lineArb, { maxLength: 60 }), fc.constantFrom(CurrencyCode.Usd, CurrencyCode.Jpy, CurrencyCode.Kwd), (triggers, lines, currency) => {
        const offers: FunctionOffer[] = triggers.map((t, i) =>
          offer({ id: `o${i}`, trigger: { match: "ANY", products: t.products, variants: t.variants, collections: [], tags: [] }, offeredVariants: ["1"] }),
        );
        const inp = input(config(...offers), lines, { currency });
        const cart = splitCart(inp);
        const plain = toEngineCart(inp);
        if (!cart || !plain) throw new Error("the rate is readable");
        const facts = shopperFacts(cart, offers);
        const expected = summarizeCart(plain);
        const askedProducts = offers.flatMap((o) => o.trigger.products);
        const askedVariants = offers.flatMap((o) => o.trigger.variants);
        for (const p of askedProducts) expect(facts.products.has(p)).toBe(expected.products.has(p));
        for (const v of askedVariants) expect(facts.variants.has(v)).toBe(expected.variants.has(v));
        expect(facts.subtotal).toBe(expected.subtotal);
        expect(facts.items).toBe(expected.items);
        expect(facts.lines.length).toBe(expected.lines.length);
        for (const asked of [askedProducts.length, askedVariants.length]) {
          if (!asked) continue;
          if (lookForAsked(asked, cart.shopperLines.length)) lookedFor++;
          else keptEvery++;
        }
      }),
      { numRuns: 3_000 },
    );
    // Both ways are exercised many times.
    expect(lookedFor).toBeGreaterThan(150);
    expect(keptEvery).toBeGreaterThan(150);
  });
});
