import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { convert, entitleOfferLines, fromDecimalString, parseFunctionConfig, type CartLine, type Discount, type FunctionOffer } from "@tactful/engine";
import { cartLinesDiscountsGenerateRun } from "./cart_lines_discounts_generate_run";
import { fractionDigits, toDecimalString as decimalString } from "@tactful/engine/money";
import { toEngineCart, unitPriceOf } from "./read-input";
import { shopClock } from "./shop-clock";
import { config, input, offer, type LineSpec } from "./test-input";
import { CurrencyCode, type CartInput } from "../generated/api";

/*
 * The Function's path (decision 0065: offers found through the index and
 * decoded only when named, the shopper's lines read once for only the facts
 * the named offers ask, equal values sharing a candidate) against the plain
 * path it replaced: every line converted by toEngineCart, the whole config
 * decoded, each offer found by a scan, every fact computed, one candidate a
 * line. Every line must get the same value, or none, either way.
 */
function plainPath(inp: CartInput): { line: string; value: unknown }[] {
  const cfg = parseFunctionConfig(inp.discount.metafield?.jsonValue);
  const shopCurrency = (inp.discount.metafield?.jsonValue as { shopCurrency?: string } | undefined)?.shopCurrency;
  const cart = toEngineCart(inp, typeof shopCurrency === "string" && /^[A-Z]{3}$/.test(shopCurrency) ? shopCurrency : undefined);
  const clock = shopClock(inp.shop.localTime.date);
  if (!cfg || !cfg.offers.length || !cart || !clock) return [];
  const verdicts = entitleOfferLines(cfg, cart, clock);
  const out: { line: string; value: unknown }[] = [];
  for (const line of cart.lines) {
    const v = verdicts.get(line);
    if (!v?.entitled) continue;
    const value = valueFor(line, v.discount, cart.rateMicros, fractionDigits(cart.currency));
    if (value) out.push({ line: line.key, value });
  }
  return out;
}

function valueFor(line: CartLine, d: Discount, rateMicros: number, digits: number): unknown {
  if (d.kind === "PERCENT") {
    const bps = Math.min(10000, Math.max(0, d.bps));
    return bps === 0 ? null : { percentage: { value: decimalString(bps, 2) } };
  }
  if (d.kind === "FIXED") {
    const off = Math.min(line.unitPrice, convert(Math.max(0, d.amount), rateMicros));
    return off <= 0 ? null : { fixedAmount: { amount: decimalString(off, digits), appliesToEachItem: true } };
  }
  return null;
}

let sharedCandidates = 0;

function functionPath(inp: CartInput): { line: string; value: unknown }[] {
  const out = cartLinesDiscountsGenerateRun(inp);
  for (const op of out.operations) for (const c of op.productDiscountsAdd?.candidates ?? []) if (c.targets.length > 1) sharedCandidates++;
  const targeted = out.operations.flatMap((op) => op.productDiscountsAdd?.candidates ?? []).flatMap((c) => c.targets.map((t) => ({ line: t.cartLine?.id as string, value: c.value as unknown })));
  const order = new Map(inp.cart.lines.map((l, i) => [l.id, i]));
  return targeted.sort((a, b) => (order.get(a.line) ?? 0) - (order.get(b.line) ?? 0));
}

const DAY = 86_400_000;
const TODAY = Date.UTC(2026, 10, 22);
const PRODUCTS = ["1", "2", "3"];
const VARIANTS = ["11", "12", "21", "31"];
const COLLECTIONS = ["701", "702", "703"];
const TAGS = ["Red", "blue", "GREEN"];
const IDS = ["oa", "ob", "oc"];

const discount: fc.Arbitrary<Discount> = fc.oneof(
  fc.record({ kind: fc.constant("PERCENT" as const), bps: fc.integer({ min: 0, max: 10000 }) }),
  fc.record({ kind: fc.constant("FIXED" as const), amount: fc.integer({ min: 0, max: 6000 }) }),
  fc.constant({ kind: "NONE" as const }),
);

/** Absent three times in four: every bound and schedule is reached, and carts still pass them often. */
const rarely = <T,>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });

const offerArb: fc.Arbitrary<FunctionOffer> = fc
  .record({
    id: fc.constantFrom(...IDS),
    type: fc.constantFrom("UPSELL" as const, "CROSS_SELL" as const, "BUNDLE" as const),
    match: fc.constantFrom("ANY" as const, "ALL" as const),
    // Each kind of trigger is listed now and then, so that carts meet them often enough.
    products: fc.oneof({ weight: 2, arbitrary: fc.constant<string[]>([]) }, { weight: 1, arbitrary: fc.subarray(PRODUCTS, { maxLength: 2 }) }),
    variants: fc.oneof({ weight: 3, arbitrary: fc.constant<string[]>([]) }, { weight: 1, arbitrary: fc.subarray(VARIANTS, { maxLength: 1 }) }),
    collections: fc.oneof({ weight: 3, arbitrary: fc.constant<string[]>([]) }, { weight: 1, arbitrary: fc.subarray(COLLECTIONS, { maxLength: 1 }) }),
    tags: fc.oneof({ weight: 3, arbitrary: fc.constant<string[]>([]) }, { weight: 1, arbitrary: fc.subarray(TAGS, { maxLength: 1 }) }),
    offeredVariants: fc.subarray(VARIANTS, { minLength: 1, maxLength: 3 }),
    discount,
    variantB: fc.option(discount, { nil: undefined }),
    capBps: fc.integer({ min: 0, max: 20000 }),
    subtotalMin: rarely(fc.integer({ min: 0, max: 30000 })),
    itemsMax: rarely(fc.integer({ min: 0, max: 6 })),
    startDay: rarely(fc.integer({ min: 20_410, max: 20_420 })),
    startsIn: rarely(fc.integer({ min: -5, max: 5 })),
    bundle: fc.boolean(),
    // An automatic cross-sell (decision 0086): its rule instead of a variant list, with an excluded product,
    // collection or tag now and then (0096; "red" differs from the lines' "Red" only in case).
    automatic: rarely(
      fc.record({
        products: fc.subarray(PRODUCTS, { maxLength: 1 }),
        collections: fc.oneof(fc.constant<string[]>([]), fc.subarray(COLLECTIONS, { minLength: 1, maxLength: 2 })),
        tags: fc.oneof(fc.constant<string[]>([]), fc.subarray([...TAGS, "red"], { minLength: 1, maxLength: 2 })),
      }),
    ),
  })
  .map((r) => {
    const o = offer({
      id: r.id,
      type: r.type,
      trigger: {
        match: r.match,
        products: r.products,
        variants: r.variants,
        collections: r.collections,
        tags: r.tags,
        ...(r.subtotalMin !== undefined ? { subtotalMin: r.subtotalMin } : {}),
        ...(r.itemsMax !== undefined ? { itemsMax: r.itemsMax } : {}),
      },
      offeredVariants: r.offeredVariants,
      discount: r.discount,
      ...(r.variantB ? { variantDiscounts: { b: r.variantB } } : {}),
      capBps: r.capBps,
      ...(r.startDay !== undefined ? { startDay: r.startDay } : {}),
      ...(r.startsIn !== undefined ? { startsAt: TODAY + r.startsIn * DAY } : {}),
      ...(r.bundle && r.offeredVariants.length > 1 ? { bundle: r.offeredVariants.map((v) => [v]) } : {}),
    });
    if (r.automatic === undefined) return o;
    const { bundle: _bundle, ...rest } = o;
    const a = r.automatic;
    return {
      ...rest,
      type: "CROSS_SELL" as const,
      offeredVariants: [],
      auto: { excludeProducts: a.products, ...(a.collections.length ? { excludeCollections: a.collections } : {}), ...(a.tags.length ? { excludeTags: a.tags } : {}) },
    };
  });

const price = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 40000 }).map((c) => decimalString(c, 2)) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 4000 }).map((c) => decimalString(c, 1)) },
  { weight: 1, arbitrary: fc.constantFrom("12", "0.5", " 3.00", "1e3", "-2.00", "7.005", "") },
);

const lineArb: fc.Arbitrary<LineSpec> = fc
  .record({
    variant: fc.constantFrom(...VARIANTS),
    price,
    quantity: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 1, arbitrary: fc.constantFrom(0, -1) }),
    offer: fc.option(fc.constantFrom(...IDS, "forged"), { nil: undefined }),
    abVariant: fc.option(fc.constantFrom("a", "b"), { nil: undefined }),
    collections: fc.subarray(COLLECTIONS, { maxLength: 2 }),
    tags: fc.subarray(TAGS, { maxLength: 2 }),
  })
  .map((l) => ({
    variant: l.variant,
    product: l.variant.slice(0, 1),
    price: l.price,
    quantity: l.quantity,
    collections: l.collections,
    tags: l.tags,
    ...(l.offer !== undefined ? { offer: l.offer } : {}),
    ...(l.abVariant !== undefined ? { abVariant: l.abVariant } : {}),
  }));

describe("the Function's one-pass path answers as the plain path", () => {
  it("every line gets the same value (or none) on 5,000 random carts and configs, repeated offer ids and automatic offers (their exclusions too) included", () => {
    let discounted = 0;
    let automaticDiscounted = 0;
    // Lines naming an automatic offer whose exclusions cover their product's collections or tags: the plain path refuses them, and so must the Function.
    let excludedNamed = 0;
    fc.assert(
      fc.property(
        fc.array(offerArb, { minLength: 1, maxLength: 4 }),
        fc.array(lineArb, { maxLength: 12 }),
        fc.constantFrom("1.0", "0.925", "150.0"),
        fc.constantFrom(CurrencyCode.Usd, CurrencyCode.Jpy, CurrencyCode.Kwd),
        (offers, lines, rate, currency) => {
          const inp = input(config(...offers), lines, { rate, currency });
          const expected = plainPath(inp);
          expect(functionPath(inp)).toEqual(expected);
          discounted += expected.length;
          // The first offer of an id is the one judged.
          for (const e of expected) if (offers.find((o) => o.id === inp.cart.lines.find((l) => l.id === e.line)?.o?.v)?.auto) automaticDiscounted++;
          for (const l of lines) {
            const a = offers.find((o) => o.id === l.offer)?.auto;
            if (!a) continue;
            const byCollection = (a.excludeCollections ?? []).some((c) => l.collections?.includes(c));
            const byTag = (a.excludeTags ?? []).some((t) => l.tags?.some((x) => x.toLowerCase() === t.toLowerCase()));
            if (byCollection || byTag) excludedNamed++;
          }
        },
      ),
      { numRuns: 5_000 },
    );
    // The generators reach discounted lines often, not only the "no" branches, and lines sharing a candidate.
    expect(discounted).toBeGreaterThan(150);
    expect(automaticDiscounted).toBeGreaterThan(20);
    expect(excludedNamed).toBeGreaterThan(200);
    expect(sharedCandidates).toBeGreaterThan(10);
  });
});

describe("unit prices", () => {
  it("the one-match fast path reads every string as fromDecimalString does", () => {
    const decimalish = fc.string({ unit: fc.constantFrom("0", "1", "5", "9", ".", "-", " ", "e", "+"), maxLength: 8 });
    fc.assert(
      fc.property(fc.oneof(decimalish, fc.integer({ min: 0, max: 10 ** 9 }).map((n) => decimalString(n, 3)), fc.constantFrom("90071992547409.93", "9007199254740993")), fc.integer({ min: 0, max: 4 }), (s, digits) => {
        expect(unitPriceOf(s, digits)).toBe(fromDecimalString(s, digits));
      }),
      { numRuns: 20_000 },
    );
  });
});
