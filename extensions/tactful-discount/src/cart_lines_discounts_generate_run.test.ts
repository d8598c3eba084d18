import { describe, expect, it } from "vitest";
import { encodeFunctionConfig, FUNCTION_MAX_LINES, FUNCTION_PRICED_LINES } from "@tactful/engine";
import { CurrencyCode, DiscountClass, LanguageCode } from "../generated/api";
import { cartLinesDiscountsGenerateRun, DISCOUNT_MESSAGE, NO_DISCOUNTS, priceCart } from "./cart_lines_discounts_generate_run";
import { config, input, metafieldValue, offer, type LineSpec } from "./test-input";

const DAY = 86_400_000;
/** The shop's local date in every test unless said otherwise. */
const TODAY = Date.UTC(2026, 10, 22);

const socks = offer({ id: "o1", trigger: { match: "ANY", products: ["111"], variants: [], collections: [], tags: [] }, offeredVariants: ["222"] });
const shoes: LineSpec = { variant: "110", product: "111", price: "100.00" };
const offeredSocks: LineSpec = { variant: "222", product: "221", price: "20.00", offer: "o1" };

function discountedLines(result: ReturnType<typeof cartLinesDiscountsGenerateRun>) {
  // Every target of every candidate: lines given the same value share one candidate (decision 0065).
  return result.operations.flatMap((op) => op.productDiscountsAdd?.candidates ?? []).flatMap((c) => c.targets.map((t) => ({ line: t.cartLine?.id, value: c.value })));
}

describe("the discount Function", () => {
  it("discounts an offered line while its trigger is in the cart", () => {
    const result = cartLinesDiscountsGenerateRun(input(config(socks), [shoes, offeredSocks]));
    expect(result).toEqual({
      operations: [
        {
          productDiscountsAdd: {
            selectionStrategy: "ALL",
            candidates: [{ message: DISCOUNT_MESSAGE, targets: [{ cartLine: { id: "gid://shopify/CartLine/1" } }], value: { percentage: { value: "20.00" } } }],
          },
        },
      ],
    });
  });

  it("the discount's message follows the buyer's language where we have it", () => {
    const fr = cartLinesDiscountsGenerateRun(input(config(socks), [shoes, offeredSocks], { language: LanguageCode.Fr }));
    expect(fr.operations[0]?.productDiscountsAdd?.candidates[0]?.message).toBe("Remise de l’offre");
    const de = cartLinesDiscountsGenerateRun(input(config(socks), [shoes, offeredSocks], { language: LanguageCode.De }));
    expect(de.operations[0]?.productDiscountsAdd?.candidates[0]?.message).toBe(DISCOUNT_MESSAGE);
  });

  it("gives no discount once the triggering item is removed", () => {
    expect(cartLinesDiscountsGenerateRun(input(config(socks), [offeredSocks]))).toEqual(NO_DISCOUNTS);
  });

  it("an offer line never counts as its own or another offer's trigger", () => {
    const shoesOffered = offer({ id: "o2", trigger: { match: "ANY", products: ["221"], variants: [], collections: [], tags: [] }, offeredVariants: ["110"] });
    const bothOffered: LineSpec[] = [offeredSocks, { ...shoes, offer: "o2" }];
    expect(cartLinesDiscountsGenerateRun(input(config(socks, shoesOffered), bothOffered))).toEqual(NO_DISCOUNTS);
  });

  it("a forged offer id earns nothing", () => {
    expect(cartLinesDiscountsGenerateRun(input(config(socks), [shoes, { ...offeredSocks, offer: "o999" }]))).toEqual(NO_DISCOUNTS);
  });

  it("a real offer id on a variant the offer does not offer earns nothing", () => {
    expect(cartLinesDiscountsGenerateRun(input(config(socks), [shoes, { ...offeredSocks, variant: "333" }]))).toEqual(NO_DISCOUNTS);
  });

  it("an expired offer gives no discount", () => {
    const expired = { ...socks, startsAt: TODAY - 30 * DAY, endsAt: TODAY - 3 * DAY };
    expect(cartLinesDiscountsGenerateRun(input(config(expired), [shoes, offeredSocks]))).toEqual(NO_DISCOUNTS);
  });

  it("an offer that has not started gives no discount", () => {
    const future = { ...socks, startsAt: TODAY + 3 * DAY };
    expect(cartLinesDiscountsGenerateRun(input(config(future), [shoes, offeredSocks]))).toEqual(NO_DISCOUNTS);
  });

  it("an offer ending on the shop's current date is already withheld (the Function cannot tell the hour)", () => {
    const endsToday = { ...socks, endsAt: TODAY + 18 * 3_600_000 };
    expect(cartLinesDiscountsGenerateRun(input(config(endsToday), [shoes, offeredSocks]))).toEqual(NO_DISCOUNTS);
  });

  it("an offer within its schedule is honoured", () => {
    const running = { ...socks, startsAt: TODAY - 10 * DAY, endsAt: TODAY + 10 * DAY };
    expect(discountedLines(cartLinesDiscountsGenerateRun(input(config(running), [shoes, offeredSocks])))).toHaveLength(1);
  });

  it("an unreadable shop date fails closed", () => {
    expect(cartLinesDiscountsGenerateRun(input(config(socks), [shoes, offeredSocks], { date: "22/11/2026" }))).toEqual(NO_DISCOUNTS);
  });

  it("an offer over the price cap is not discounted", () => {
    // 20% off 40.00 = 32.00 added to a 100.00 cart: 32% > 25%.
    expect(cartLinesDiscountsGenerateRun(input(config(socks), [shoes, { ...offeredSocks, price: "40.00" }]))).toEqual(NO_DISCOUNTS);
  });

  it("raising the offered quantity past the cap removes the discount; raising the trigger's restores it", () => {
    const line = { ...offeredSocks, price: "15.00" };
    // 1 x 12.00 on 100.00 is within 25%; 3 x 12.00 = 36.00 is not; with 2 shoes the base is 200.00.
    expect(discountedLines(cartLinesDiscountsGenerateRun(input(config(socks), [shoes, line])))).toHaveLength(1);
    expect(cartLinesDiscountsGenerateRun(input(config(socks), [shoes, { ...line, quantity: 3 }]))).toEqual(NO_DISCOUNTS);
    expect(discountedLines(cartLinesDiscountsGenerateRun(input(config(socks), [{ ...shoes, quantity: 2 }, { ...line, quantity: 3 }])))).toHaveLength(1);
  });

  it("several offers in one cart are each judged on their own", () => {
    const belt = offer({
      id: "o2",
      trigger: { match: "ANY", products: ["111"], variants: [], collections: [], tags: [] },
      offeredVariants: ["444"],
      discount: { kind: "FIXED", amount: 500 },
    });
    const laces = offer({ id: "o3", trigger: { match: "ANY", products: ["999"], variants: [], collections: [], tags: [] }, offeredVariants: ["555"] });
    const lines: LineSpec[] = [
      shoes,
      offeredSocks,
      { variant: "444", product: "441", price: "8.00", offer: "o2" },
      { variant: "555", product: "551", price: "5.00", offer: "o3" },
    ];
    expect(discountedLines(cartLinesDiscountsGenerateRun(input(config(socks, belt, laces), lines)))).toEqual([
      { line: "gid://shopify/CartLine/1", value: { percentage: { value: "20.00" } } },
      { line: "gid://shopify/CartLine/2", value: { fixedAmount: { amount: "5.00", appliesToEachItem: true } } },
    ]);
  });

  it("lines given the same value share one candidate, each line its own target (Shopify caps the output at 20 KB)", () => {
    const two = { ...socks, offeredVariants: ["222", "223"] };
    const lines: LineSpec[] = [{ ...shoes, price: "300.00" }, offeredSocks, { ...offeredSocks, variant: "223" }];
    expect(cartLinesDiscountsGenerateRun(input(config(two), lines))).toEqual({
      operations: [
        {
          productDiscountsAdd: {
            selectionStrategy: "ALL",
            candidates: [
              {
                message: DISCOUNT_MESSAGE,
                targets: [{ cartLine: { id: "gid://shopify/CartLine/1" } }, { cartLine: { id: "gid://shopify/CartLine/2" } }],
                value: { percentage: { value: "20.00" } },
              },
            ],
          },
        },
      ],
    });
  });

  it("a fixed amount is converted into the shopper's currency with integer math", () => {
    const fixed = { ...socks, discount: { kind: "FIXED" as const, amount: 500 } };
    const eur = input(config(fixed), [{ ...shoes, price: "92.50" }, { ...offeredSocks, price: "18.40" }], { rate: "0.925", currency: CurrencyCode.Eur });
    expect(discountedLines(cartLinesDiscountsGenerateRun(eur))).toEqual([{ line: "gid://shopify/CartLine/1", value: { fixedAmount: { amount: "4.63", appliesToEachItem: true } } }]);
    const yen = input(config(fixed), [{ ...shoes, price: "15000.0" }, { ...offeredSocks, price: "3000.0" }], { rate: "150.0", currency: CurrencyCode.Jpy });
    expect(discountedLines(cartLinesDiscountsGenerateRun(yen))).toEqual([{ line: "gid://shopify/CartLine/1", value: { fixedAmount: { amount: "750", appliesToEachItem: true } } }]);
    // A yen shop's 500 JPY off, for a shopper paying in dollars at 0.0067: 3.35 USD.
    const yenShop = input(config(fixed), [shoes, offeredSocks], { rate: "0.0067", jsonValue: metafieldValue(config(fixed), "JPY") });
    expect(discountedLines(cartLinesDiscountsGenerateRun(yenShop))).toEqual([{ line: "gid://shopify/CartLine/1", value: { fixedAmount: { amount: "3.35", appliesToEachItem: true } } }]);
  });

  it("the shop's digits stored beside the config give what looking the currency up gives; digits no currency has are ignored (decision 0099)", () => {
    const fixed = { ...socks, discount: { kind: "FIXED" as const, amount: 500 } };
    const withDigits = (currency: string) => metafieldValue(config(fixed), currency) as Record<string, unknown>;
    const without = (currency: string) => {
      const { shopDigits: _dropped, ...rest } = withDigits(currency);
      return rest;
    };
    const carts = [
      // A yen shop's yen cart, a dinar shop's dinar cart, a yen shop's dollar cart.
      { currency: "JPY", cart: CurrencyCode.Jpy, rate: "1.0", lines: [{ ...shoes, price: "15000.0" }, { ...offeredSocks, price: "3000.0" }] },
      { currency: "KWD", cart: CurrencyCode.Kwd, rate: "1.0", lines: [{ ...shoes, price: "30.750" }, { ...offeredSocks, price: "6.150" }] },
      { currency: "JPY", cart: CurrencyCode.Usd, rate: "0.0067", lines: [shoes, offeredSocks] },
    ];
    for (const c of carts) {
      const run = (jsonValue: unknown) => discountedLines(cartLinesDiscountsGenerateRun(input(config(fixed), c.lines, { rate: c.rate, currency: c.cart, jsonValue })));
      const expected = run(without(c.currency));
      expect(expected).toHaveLength(1);
      expect(withDigits(c.currency).shopDigits).toBeTypeOf("number");
      expect(run(withDigits(c.currency))).toEqual(expected);
      for (const forged of [1, 5, -2, 2.5, "0", null]) expect(run({ ...withDigits(c.currency), shopDigits: forged })).toEqual(expected);
    }
    // The stored digits, not a lookup, are what the Function reads: 500 yen off, read in two-digit minor units, is 5.00 off.
    const yen = (jsonValue: unknown) => discountedLines(cartLinesDiscountsGenerateRun(input(config(fixed), carts[0]!.lines, { currency: CurrencyCode.Jpy, jsonValue })));
    expect(yen(withDigits("JPY"))).toEqual([{ line: "gid://shopify/CartLine/1", value: { fixedAmount: { amount: "500", appliesToEachItem: true } } }]);
    expect(yen({ ...withDigits("JPY"), shopDigits: 2 })).toEqual([{ line: "gid://shopify/CartLine/1", value: { fixedAmount: { amount: "5.00", appliesToEachItem: true } } }]);
  });

  it("an A/B variant's discount applies to lines from that variant", () => {
    const ab = { ...socks, variantDiscounts: { b: { kind: "PERCENT" as const, bps: 1250 } } };
    const result = cartLinesDiscountsGenerateRun(input(config(ab), [shoes, { ...offeredSocks, abVariant: "b" }]));
    expect(discountedLines(result)).toEqual([{ line: "gid://shopify/CartLine/1", value: { percentage: { value: "12.50" } } }]);
  });

  it("collection and tag triggers come from the query variables", () => {
    const byCollection = offer({ id: "o1", trigger: { match: "ALL", products: [], variants: [], collections: ["701", "702"], tags: [] }, offeredVariants: ["222"] });
    const both: LineSpec[] = [{ ...shoes, collections: ["701"] }, { variant: "120", product: "121", price: "50.00", collections: ["702"] }, offeredSocks];
    expect(discountedLines(cartLinesDiscountsGenerateRun(input(config(byCollection), both)))).toHaveLength(1);
    const onlyOne: LineSpec[] = [{ ...shoes, collections: ["701"] }, offeredSocks];
    expect(cartLinesDiscountsGenerateRun(input(config(byCollection), onlyOne))).toEqual(NO_DISCOUNTS);
    const byTag = offer({ id: "o1", trigger: { match: "ANY", products: [], variants: [], collections: [], tags: ["Running"] }, offeredVariants: ["222"] });
    expect(discountedLines(cartLinesDiscountsGenerateRun(input(config(byTag), [{ ...shoes, tags: ["Running"] }, offeredSocks])))).toHaveLength(1);
    expect(cartLinesDiscountsGenerateRun(input(config(byTag), [shoes, offeredSocks]))).toEqual(NO_DISCOUNTS);
  });

  it("a trigger collection beyond the query's slots is never seen as present", () => {
    const many = ["701", "702", "703", "704", "705", "706"].map((c, k) =>
      offer({ id: `o${k}`, trigger: { match: "ANY", products: [], variants: [], collections: [c], tags: [] }, offeredVariants: ["222"] }),
    );
    const inSixth: LineSpec[] = [{ ...shoes, collections: ["706"] }, { ...offeredSocks, offer: "o5" }];
    expect(cartLinesDiscountsGenerateRun(input(config(...many), inSixth))).toEqual(NO_DISCOUNTS);
    const inFifth: LineSpec[] = [{ ...shoes, collections: ["705"] }, { ...offeredSocks, offer: "o4" }];
    expect(discountedLines(cartLinesDiscountsGenerateRun(input(config(...many), inFifth)))).toHaveLength(1);
  });

  it("without the query variables in the metafield, collection triggers fail closed", () => {
    const byCollection = offer({ id: "o1", trigger: { match: "ANY", products: [], variants: [], collections: ["701"], tags: [] }, offeredVariants: ["222"] });
    const i = input(config(byCollection), [{ ...shoes, collections: ["701"] }, offeredSocks]);
    // What Shopify returns when the slot variables are null: no product is in anything.
    for (const l of i.cart.lines) if ("id" in l.m) l.m.p.c0 = false;
    expect(cartLinesDiscountsGenerateRun(i)).toEqual(NO_DISCOUNTS);
  });

  it("the bare wire config (no slots, no shop currency) still discounts product-triggered offers", () => {
    const bare = JSON.parse(encodeFunctionConfig(config(socks))) as unknown;
    expect(discountedLines(cartLinesDiscountsGenerateRun(input(config(socks), [shoes, offeredSocks], { jsonValue: bare })))).toHaveLength(1);
  });

  it("a malformed, missing or newer config gives no discounts", () => {
    const lines = [shoes, offeredSocks];
    expect(cartLinesDiscountsGenerateRun(input(config(socks), lines, { jsonValue: { w: 99, o: [] } }))).toEqual(NO_DISCOUNTS);
    expect(cartLinesDiscountsGenerateRun(input(config(socks), lines, { jsonValue: "not json" }))).toEqual(NO_DISCOUNTS);
    expect(cartLinesDiscountsGenerateRun(input(config(socks), lines, { jsonValue: { w: 1, o: [{ i: "o1" }] } }))).toEqual(NO_DISCOUNTS);
    expect(cartLinesDiscountsGenerateRun(input(null, lines))).toEqual(NO_DISCOUNTS);
  });

  it("does nothing on a discount node without the product class", () => {
    expect(cartLinesDiscountsGenerateRun(input(config(socks), [shoes, offeredSocks], { classes: [DiscountClass.Order] }))).toEqual(NO_DISCOUNTS);
  });

  it("an unreadable price or currency rate fails closed", () => {
    expect(cartLinesDiscountsGenerateRun(input(config(socks), [shoes, { ...offeredSocks, price: "1e3" }]))).toEqual(NO_DISCOUNTS);
    expect(cartLinesDiscountsGenerateRun(input(config(socks), [shoes, offeredSocks], { rate: "0" }))).toEqual(NO_DISCOUNTS);
  });

  describe("an automatic offer's excluded collections and tags (decision record 0096)", () => {
    const auto = (x: { excludeCollections?: string[]; excludeTags?: string[] }) =>
      offer({ id: "auto1", trigger: socks.trigger, discount: { kind: "PERCENT", bps: 1000 }, capBps: 5000, auto: { excludeProducts: [], ...x } });
    const forged = (product: string, more: Partial<LineSpec> = {}): LineSpec => ({ variant: `${product}2`, product, price: "10.00", offer: "auto1", ...more });

    it("a forged line on a product in an excluded collection, or with an excluded tag (any case), earns nothing; the others still do", () => {
      const byCollection = input(config(auto({ excludeCollections: ["77"] })), [shoes, forged("221", { collections: ["77"] }), forged("331", { collections: ["78"] })]);
      expect(discountedLines(cartLinesDiscountsGenerateRun(byCollection)).map((d) => d.line)).toEqual(["gid://shopify/CartLine/2"]);
      const byTag = input(config(auto({ excludeTags: ["Gift-Card"] })), [shoes, forged("221", { tags: ["Gift-Card"] }), forged("331", { tags: ["socks"] })]);
      expect(discountedLines(cartLinesDiscountsGenerateRun(byTag)).map((d) => d.line)).toEqual(["gid://shopify/CartLine/2"]);
    });

    it("an excluded line does not use up one of the three products", () => {
      const lines = [shoes, forged("201", { collections: ["77"] }), forged("202"), forged("203"), forged("204"), forged("205")];
      const got = discountedLines(cartLinesDiscountsGenerateRun(input(config(auto({ excludeCollections: ["77"] })), lines))).map((d) => d.line);
      expect(got).toEqual(["gid://shopify/CartLine/2", "gid://shopify/CartLine/3", "gid://shopify/CartLine/4"]);
    });

    it("an excluded collection or tag the query has no slot for fails closed: no line of the offer is discounted", () => {
      const cfg = config(auto({ excludeCollections: ["77"], excludeTags: ["gift-card"] }));
      const lines = [shoes, forged("331")];
      expect(discountedLines(cartLinesDiscountsGenerateRun(input(cfg, lines)))).toHaveLength(1);
      const withoutSlots = { ...(metafieldValue(cfg) as Record<string, unknown>), c0: [] };
      expect(cartLinesDiscountsGenerateRun(input(cfg, lines, { jsonValue: withoutSlots }))).toEqual(NO_DISCOUNTS);
      const withoutTagSlot = { ...(metafieldValue(cfg) as Record<string, unknown>), t0: [] };
      expect(cartLinesDiscountsGenerateRun(input(cfg, lines, { jsonValue: withoutTagSlot }))).toEqual(NO_DISCOUNTS);
    });

    it("a config with exclusions is one a Function deployed before them refuses (it reads only a list of products), so it cannot over-discount", () => {
      const wire = JSON.parse(encodeFunctionConfig(config(auto({ excludeTags: ["gift-card"] })))) as { o: { r: unknown }[] };
      expect(Array.isArray(wire.o[0]?.r)).toBe(false);
      // Without exclusions the wire is what it was: the list of excluded products.
      const before = JSON.parse(encodeFunctionConfig(config(auto({})))) as { o: { r: unknown }[] };
      expect(before.o[0]?.r).toEqual([]);
    });
  });

  describe("every rule the Function can see (decision record 0056)", () => {
    const cheapShoes: LineSpec = { ...shoes, price: "20.00" };
    it("a forged line on an offer with a 100.00 cart-value minimum gets nothing in a 20.00 cart", () => {
      const min100 = { ...socks, trigger: { ...socks.trigger, subtotalMin: 10000 }, capBps: 10000 };
      expect(cartLinesDiscountsGenerateRun(input(config(min100), [cheapShoes, { ...offeredSocks, price: "5.00" }]))).toEqual(NO_DISCOUNTS);
      expect(discountedLines(cartLinesDiscountsGenerateRun(input(config(min100), [shoes, { ...offeredSocks, price: "5.00" }])))).toHaveLength(1);
    });

    it("the cart-value bounds are in shop currency, converted with the cart's rate", () => {
      const min100 = { ...socks, trigger: { ...socks.trigger, subtotalMin: 10000 } };
      // 100.00 USD minimum at 0.925: 92.50 EUR is enough, 92.49 is not.
      const eur = (price: string) => input(config(min100), [{ ...shoes, price }, { ...offeredSocks, price: "18.40" }], { rate: "0.925", currency: CurrencyCode.Eur });
      expect(discountedLines(cartLinesDiscountsGenerateRun(eur("92.50")))).toHaveLength(1);
      expect(cartLinesDiscountsGenerateRun(eur("92.49"))).toEqual(NO_DISCOUNTS);
    });

    it("a cart-value maximum and item-count bounds are enforced too", () => {
      const max = { ...socks, trigger: { ...socks.trigger, subtotalMax: 9999 } };
      expect(cartLinesDiscountsGenerateRun(input(config(max), [shoes, offeredSocks]))).toEqual(NO_DISCOUNTS);
      const twoItems = { ...socks, trigger: { ...socks.trigger, itemsMin: 2 } };
      expect(cartLinesDiscountsGenerateRun(input(config(twoItems), [shoes, offeredSocks]))).toEqual(NO_DISCOUNTS);
      expect(discountedLines(cartLinesDiscountsGenerateRun(input(config(twoItems), [{ ...shoes, quantity: 2 }, offeredSocks])))).toHaveLength(1);
      const oneItem = { ...socks, trigger: { ...socks.trigger, itemsMax: 1 } };
      expect(cartLinesDiscountsGenerateRun(input(config(oneItem), [{ ...shoes, quantity: 2 }, offeredSocks]))).toEqual(NO_DISCOUNTS);
    });

    it("lines of one offer claiming different A/B arms are capped together: each at the smallest reduction any claimed arm gives it", () => {
      // Arm "a" (the offer's 10%) on a 20.00 line, arm "b" (5.00 off) on a 100.00 line, vs a 100.00 cart:
      // all at 10% adds 108.00 and all at 5.00 off adds 110.00, both within a 110% cap, but as claimed
      // they add 18.00 + 95.00 = 113.00, over it.
      const mixed = offer({
        id: "o1",
        trigger: socks.trigger,
        offeredVariants: ["222", "333"],
        discount: { kind: "PERCENT", bps: 1000 },
        variantDiscounts: { b: { kind: "FIXED", amount: 500 } },
        capBps: 11000,
      });
      const lines: LineSpec[] = [shoes, { ...offeredSocks, abVariant: "a" }, { variant: "333", product: "331", price: "100.00", offer: "o1", abVariant: "b" }];
      expect(cartLinesDiscountsGenerateRun(input(config(mixed), lines))).toEqual(NO_DISCOUNTS);
      // One arm for both: within the cap, both discounted.
      const sameArm = lines.map((l) => (l.offer ? { ...l, abVariant: "b" } : l));
      expect(discountedLines(cartLinesDiscountsGenerateRun(input(config(mixed), sameArm)))).toHaveLength(2);
    });
  });

  describe("bundles are all or nothing (decision record 0056)", () => {
    const bundle = offer({
      id: "b1",
      type: "BUNDLE",
      trigger: socks.trigger,
      offeredVariants: ["222", "223", "333"],
      bundle: [["222", "223"], ["333"]],
      discount: { kind: "PERCENT", bps: 1000 },
      capBps: 5000,
    });
    const sockLine: LineSpec = { variant: "223", product: "221", price: "20.00", offer: "b1" };
    const capLine: LineSpec = { variant: "333", product: "331", price: "15.00", offer: "b1" };

    it("every item of the bundle in the cart with its trigger: each is discounted", () => {
      expect(discountedLines(cartLinesDiscountsGenerateRun(input(config(bundle), [shoes, sockLine, capLine])))).toHaveLength(2);
    });

    it("once one bundle item is removed, the remaining items lose the bundle discount", () => {
      expect(cartLinesDiscountsGenerateRun(input(config(bundle), [shoes, sockLine]))).toEqual(NO_DISCOUNTS);
      expect(cartLinesDiscountsGenerateRun(input(config(bundle), [shoes, capLine]))).toEqual(NO_DISCOUNTS);
      // Quantity zero is as good as removed; the shopper's own (unmarked) line does not complete the bundle.
      expect(cartLinesDiscountsGenerateRun(input(config(bundle), [shoes, sockLine, { ...capLine, quantity: 0 }]))).toEqual(NO_DISCOUNTS);
      const { offer: _unmarked, ...ownCap } = capLine;
      expect(cartLinesDiscountsGenerateRun(input(config(bundle), [shoes, sockLine, ownCap]))).toEqual(NO_DISCOUNTS);
    });

    it("without its trigger, a complete bundle gets nothing", () => {
      expect(cartLinesDiscountsGenerateRun(input(config(bundle), [sockLine, capLine]))).toEqual(NO_DISCOUNTS);
    });
  });
});

describe("the discount Function's cart length (decision 0097)", () => {
  /** The shoes, `lines - 2` other products of the shopper's, then the offered socks. */
  const cartOf = (lines: number): LineSpec[] => [
    shoes,
    ...Array.from({ length: lines - 2 }, (_, k): LineSpec => ({ variant: String(5000 + k), product: String(6000 + k), price: "3.00" })),
    offeredSocks,
  ];

  it("prices a cart of up to FUNCTION_PRICED_LINES lines", () => {
    const run = cartLinesDiscountsGenerateRun(input(config(socks), cartOf(FUNCTION_PRICED_LINES)));
    expect(discountedLines(run)).toEqual([{ line: `gid://shopify/CartLine/${FUNCTION_PRICED_LINES - 1}`, value: { percentage: { value: "20.00" } } }]);
  });

  it("answers a longer cart with no discount, though its pricing would give one", () => {
    const longer = input(config(socks), cartOf(FUNCTION_PRICED_LINES + 1));
    expect(cartLinesDiscountsGenerateRun(longer)).toEqual(NO_DISCOUNTS);
    // The same cart priced without the rule: the socks are entitled, so only the length refuses them.
    expect(discountedLines(priceCart(longer))).toHaveLength(1);
  });

  it("leaves room past the popup's own limit for lines added after an offer is accepted", () => {
    expect(FUNCTION_PRICED_LINES).toBeGreaterThan(FUNCTION_MAX_LINES);
  });
});
