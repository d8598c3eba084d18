import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isFunctionConfig, isStorefrontConfig } from "./guard";
import { decide } from "./decide";
import { NOW, cart, config, ctx, line, memory, offer } from "./test-fixtures";
import type { CompiledOffer, FunctionConfig } from "./types";
import { encodeFunctionConfig, encodeStorefrontConfig, parseFunctionConfig, parseStorefrontConfig } from "./wire";

const rich = config(
  [
    offer({
      id: "cmabc",
      priority: 3,
      moments: ["CART", "THANK_YOU"],
      trigger: { match: "ALL", products: ["100"], variants: ["1001"], collections: ["77"], tags: ["Gift"], subtotalMin: 1000, subtotalMax: 90000, itemsMin: 1, itemsMax: 9 },
      segment: { customer: "GUEST", tagsInclude: ["a"], tagsExclude: ["b"], history: "RETURNING", countries: ["DE"], markets: ["eu"], locales: ["de"] },
      startsAt: 1_700_000_000_000,
      endsAt: 1_800_000_000_000,
      discount: { kind: "FIXED", amount: 500 },
      urgency: { showEndDate: true, lowStockBelow: 5 },
      content: { en: { headline: "H", body: "B", accept: "A", decline: "D" }, ar: { headline: "ع", body: "", accept: "نعم", decline: "لا" } },
      abVariants: [
        { id: "a", weight: 2 },
        { id: "b", weight: 1, discount: { kind: "NONE" }, delayMs: 0, content: { en: { headline: "HB", body: "", accept: "A", decline: "D" } } },
      ],
      holdoutBps: 500,
    }),
    offer({
      id: "cmup",
      type: "UPSELL",
      items: [],
      upgrades: [
        { fromProductId: "100", fromVariantId: "1001", to: { productId: "300", handle: "pro", variantIds: ["3001", "3002"] } },
        { fromProductId: "101", to: { productId: "300", handle: "pro", variantIds: ["3002"] } },
      ],
    }),
  ],
  { paused: true, defaultLocale: "ar" },
);

describe("config wire format", () => {
  it("round-trips a storefront config through the main and per-locale metafields", () => {
    const wire = encodeStorefrontConfig({ ...rich, collections: { "77": ["100", "101"] } });
    expect(Object.keys(wire.content).sort()).toEqual(["ar", "en"]);
    const back = parseStorefrontConfig(wire.config, wire.content.en, wire.content.ar);
    expect(back).toEqual({ ...rich, collections: { "77": ["100", "101"] } });
  });

  it("carries the default-locale fallback flag as f: 1, and nothing when it is off (0091)", () => {
    const on = config([offer({ id: "on", fallbackToDefaultLocale: true }), offer({ id: "off" })]);
    const wire = encodeStorefrontConfig(on);
    const main = JSON.parse(wire.config) as { o: Record<string, unknown>[] };
    expect(main.o.map((o) => o.f)).toEqual([1, undefined]);
    const back = parseStorefrontConfig(wire.config, ...Object.values(wire.content));
    expect(back?.offers.map((o) => o.fallbackToDefaultLocale)).toEqual([true, undefined]);
    expect(back).toEqual(on);
  });

  it("the main config carries no shopper-facing text", () => {
    const wire = encodeStorefrontConfig(rich);
    expect(wire.config).not.toContain("HB");
    expect(parseStorefrontConfig(wire.config)?.offers[0]?.content).toBeUndefined();
  });

  it("accepts the verbose shape too", () => {
    expect(parseStorefrontConfig(JSON.stringify(rich))).toEqual(rich);
  });

  it("a malformed or newer config fails closed", () => {
    const wire = JSON.parse(encodeStorefrontConfig(rich).config);
    expect(parseStorefrontConfig("{not json")).toBeNull();
    expect(parseStorefrontConfig({ ...wire, w: 2 })).toBeNull();
    expect(parseStorefrontConfig({ ...rich, v: 2 })).toBeNull();
    expect(parseStorefrontConfig({ ...wire, o: [{ ...wire.o[0], i: 5 }] })).toBeNull();
    expect(parseStorefrontConfig({ ...wire, o: [{ ...wire.o[0], o: [99] }] })).toBeNull();
    expect(parseStorefrontConfig(null)).toBeNull();
    expect(isStorefrontConfig({ ...rich, offers: [{ ...rich.offers[0], capBps: "25%" }] })).toBe(false);
    expect(isStorefrontConfig({ ...rich, offers: [{ ...rich.offers[0], items: [1, 2, 3, 4] }] })).toBe(false);
  });

  it("round-trips a function config and fails closed on garbage", () => {
    const fc: FunctionConfig = {
      v: 1,
      offers: [
        { id: "x", type: "BUNDLE", trigger: { match: "ANY", products: ["1"], variants: [], collections: ["2"], tags: ["t"] }, offeredVariants: ["9", "10"], discount: { kind: "PERCENT", bps: 1500 }, capBps: 2500, startsAt: 5, endsAt: 9, variantDiscounts: { b: { kind: "FIXED", amount: 100 }, c: { kind: "NONE" } } },
      ],
    };
    expect(parseFunctionConfig(encodeFunctionConfig(fc))).toEqual(fc);
    expect(parseFunctionConfig(JSON.stringify(fc))).toEqual(fc);
    expect(parseFunctionConfig('{"w":1,"o":[{"i":"x"}]}')).toBeNull();
    expect(isFunctionConfig({ v: 1, offers: [{ id: "x" }] })).toBe(false);
  });

  it("ids beyond the exact range of a JSON number stay strings", () => {
    const big = offer({ trigger: { match: "ANY", products: ["98765432109876543"], variants: [], collections: [], tags: [] } });
    const back = parseStorefrontConfig(encodeStorefrontConfig(config([big])).config);
    expect(back?.offers[0]?.trigger.products).toEqual(["98765432109876543"]);
  });
});

describe("offered items on the wire (decision record 0056)", () => {
  const wool = offer({ id: "wool", items: [{ productId: "201", handle: "socks", variantIds: ["2011"] }] });
  const cotton = offer({ id: "cotton", items: [{ productId: "201", handle: "socks", variantIds: ["2012", "2013"] }] });

  it("an offer decodes with exactly the variants it was given, whatever offers encoded after it add to the product's row", () => {
    const wire = encodeStorefrontConfig(config([wool, cotton]));
    const back = parseStorefrontConfig(wire.config, wire.content.en);
    expect(back?.offers.map((o) => o.items[0]?.variantIds)).toEqual([["2011"], ["2012", "2013"]]);
    // So a cart holding socks 2012 (from "cotton") does not hide "wool" as already in the cart.
    if (!back) return;
    const holding2012 = cart({ lines: [line(), line({ key: "k2", productId: "201", variantId: "2012", offerId: "cotton" })], variants: { "2011": { unitPrice: 1000, available: true } } });
    const d = decide({ ...back, offers: [back.offers[0] as CompiledOffer] }, holding2012, ctx(), memory(), NOW);
    expect(d.show && d.offerId).toBe("wool");
  });

  it("an upsell's upgrades keep their own variants when a later upgrade of the same offer adds some", () => {
    const up = offer({
      id: "up",
      type: "UPSELL",
      items: [],
      upgrades: [
        { fromProductId: "1", to: { productId: "3", handle: "pro", variantIds: ["31"] } },
        { fromProductId: "2", to: { productId: "3", handle: "pro", variantIds: ["31", "32"] } },
      ],
    });
    const back = parseStorefrontConfig(encodeStorefrontConfig(config([up])).config);
    expect(back?.offers[0]?.upgrades.map((u) => u.to.variantIds)).toEqual([["31"], ["31", "32"]]);
  });

  it("property: for random offers sharing products, every decoded offer equals the authored one", () => {
    const products = [
      { productId: "201", handle: "socks", all: ["2011", "2012", "2013", "2014"] },
      { productId: "202", handle: "laces", all: ["2021", "2022"] },
      { productId: "98765432109876543", handle: "big", all: ["98765432109876544", "7"] },
    ];
    const itemArb = fc
      .tuple(fc.constantFrom(...products), fc.shuffledSubarray([0, 1, 2, 3], { minLength: 1 }))
      .map(([p, pos]) => ({ productId: p.productId, handle: p.handle, variantIds: pos.map((k) => p.all[k % p.all.length] as string).filter((v, i, a) => a.indexOf(v) === i) }));
    const offerArb = fc.record({
      upsell: fc.boolean(),
      items: fc.array(itemArb, { minLength: 1, maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(offerArb, { minLength: 1, maxLength: 6 }), (specs) => {
        const offers = specs.map((s, k) =>
          s.upsell
            ? offer({ id: `o${k}`, type: "UPSELL", items: [], upgrades: s.items.map((to, j) => ({ fromProductId: String(900 + j), to })) })
            : offer({ id: `o${k}`, items: s.items }),
        );
        const cfg = config(offers);
        const wire = encodeStorefrontConfig(cfg);
        expect(parseStorefrontConfig(wire.config, ...Object.values(wire.content))).toEqual(cfg);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("the Function config's wire version (decision records 0055, 0056)", () => {
  const fo: FunctionConfig = {
    v: 1,
    offers: [
      {
        id: "b",
        type: "BUNDLE",
        trigger: { match: "ANY", products: ["1"], variants: [], collections: [], tags: [], subtotalMin: 10000, itemsMax: 5 },
        offeredVariants: ["9", "10", "11"],
        bundle: [["9", "10"], ["11"]],
        startDay: 20779,
        endDay: 20786,
        discount: { kind: "PERCENT", bps: 1000 },
        capBps: 2500,
      },
    ],
  };

  it("round-trips bounds, bundle items and shop days, as version 2, which a version-1 reader refuses", () => {
    const wire = encodeFunctionConfig(fo);
    expect(JSON.parse(wire).w).toBe(2);
    expect(parseFunctionConfig(wire)).toEqual(fo);
  });

  it("still reads a version-1 config written before them", () => {
    const v1 = { w: 1, o: [{ i: "x", t: "C", v: [9], c: 2500, g: { p: [1] }, a: 5, e: 9, d: [1, 1000] }] };
    expect(parseFunctionConfig(v1)?.offers[0]).toEqual({ id: "x", type: "CROSS_SELL", trigger: { match: "ANY", products: ["1"], variants: [], collections: [], tags: [] }, offeredVariants: ["9"], startsAt: 5, endsAt: 9, discount: { kind: "PERCENT", bps: 1000 }, capBps: 2500 });
  });

  it("a bundle item pointing past the offered variants fails closed", () => {
    const bad = JSON.parse(encodeFunctionConfig(fo));
    bad.o[0].b = [[0], [7]];
    expect(parseFunctionConfig(bad)).toBeNull();
  });
});
