import { describe, expect, it } from "vitest";
import { isFunctionConfig, isStorefrontConfig } from "./guard";
import { config, offer } from "./test-fixtures";
import type { FunctionConfig } from "./types";
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
