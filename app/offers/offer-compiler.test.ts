import { describe, expect, it } from "vitest";
import { decide } from "@tactful/engine/decide";
import { isStorefrontConfig } from "@tactful/engine/guard";
import { numericId } from "@tactful/engine/shopify-id";
import { encodeFunctionConfig, parseFunctionConfig, parseStorefrontConfig } from "@tactful/engine/wire";
import { CONFIG_VERSION, type FunctionConfig } from "@tactful/engine/types";
import { input as functionInput } from "../../extensions/tactful-discount/src/test-input";
import type { OfferRecord } from "./offer.schema";
import { record, settings } from "./offer-fixtures";
import {
  CollectionsTooLargeError,
  ConfigTooLargeError,
  FULL_CART_LINES,
  FUNCTION_INPUT_BUDGET_BYTES,
  FUNCTION_INPUT_LIMIT_BYTES,
  FUNCTION_LIMIT_BYTES,
  FUNCTION_METAFIELD_LIMIT_BYTES,
  INPUT_LINE_BYTES,
  STOREFRONT_LIMIT_BYTES,
  TriggerSlotsError,
  compileFunctionConfig,
  compileStorefrontConfig,
  functionMetafield,
  scheduleColumns,
  storefrontMetafields,
  triggerCollections,
} from "./offer-compiler";

const longText = (n: number) => "x".repeat(n);
/** Each offer compiled alone, then put together: the config without the size check. */
const compileUnchecked = (records: OfferRecord[]): FunctionConfig => ({ v: CONFIG_VERSION, offers: records.flatMap((r) => compileFunctionConfig([r], settings).offers) });

describe("compileStorefrontConfig", () => {
  it("compiles only active offers", () => {
    const cfg = compileStorefrontConfig([record({ id: "a" }), record({ id: "b", status: "DRAFT" }), record({ id: "c", status: "PAUSED" }), record({ id: "d", status: "ARCHIVED" })], settings);
    expect(cfg.offers.map((o) => o.id)).toEqual(["a"]);
  });

  it("keeps the numeric part of Shopify gids", () => {
    expect(numericId("gid://shopify/ProductVariant/45123")).toBe("45123");
    const o = compileStorefrontConfig([record()], settings).offers[0];
    expect(o?.trigger.products).toEqual(["100"]);
    expect(o?.items).toEqual([{ productId: "200", handle: "wool-socks", variantIds: ["2001"] }]);
  });

  it("an offer without its own cap takes the shop's", () => {
    const cfg = compileStorefrontConfig([record({ id: "a" }), record({ id: "b" }, { capBps: 1000 })], { ...settings, capBps: 3000 });
    expect(cfg.offers.map((o) => o.capBps)).toEqual([3000, 1000]);
  });

  it("emits offers in decide()'s order: priority, then id", () => {
    const cfg = compileStorefrontConfig([record({ id: "b", priority: 1 }), record({ id: "c", priority: 5 }), record({ id: "a", priority: 1 })], settings);
    expect(cfg.offers.map((o) => o.id)).toEqual(["c", "a", "b"]);
  });

  it("resolves the schedule in the merchant's time zone, as whole days of it (decision record 0055)", () => {
    // 29 March 2026 is Berlin's spring-forward day: it starts at midnight CET (23:00 UTC the day before);
    // an end at midnight 1 April (CEST) means the offer runs through 31 March.
    const cfg = compileStorefrontConfig([record({}, { timezone: "Europe/Berlin", startsAtLocal: "2026-03-29T02:30", endsAtLocal: "2026-04-01T00:00" })], settings);
    expect(cfg.offers[0]?.startsAt).toBe(Date.UTC(2026, 2, 28, 23, 0));
    expect(cfg.offers[0]?.endsAt).toBe(Date.UTC(2026, 2, 31, 22, 0));
    const fn = compileFunctionConfig([record({}, { timezone: "Europe/Berlin", startsAtLocal: "2026-03-29T02:30", endsAtLocal: "2026-04-01T00:00" })], settings);
    expect(fn.offers[0]).toMatchObject({ startDay: Date.UTC(2026, 2, 29) / 86_400_000, endDay: Date.UTC(2026, 3, 1) / 86_400_000 });
    expect(fn.offers[0]?.startsAt).toBeUndefined();
  });

  it("an end during a day runs to the end of that day, on every surface", () => {
    const r = record({}, { timezone: "America/New_York", startsAtLocal: "2026-11-22T00:00", endsAtLocal: "2026-11-28T18:00" });
    expect(compileStorefrontConfig([r], settings).offers[0]?.endsAt).toBe(Date.UTC(2026, 10, 29, 5, 0));
    expect(compileFunctionConfig([r], settings).offers[0]?.endDay).toBe(Date.UTC(2026, 10, 29) / 86_400_000);
  });

  it("the Function config carries the trigger's cart-value and item-count bounds and each bundle item's variants (decision record 0056)", () => {
    const r = record(
      { type: "BUNDLE" },
      {
        trigger: { products: [{ id: "gid://shopify/Product/100" }], subtotalMin: 10000, itemsMax: 4 },
        items: [
          { productId: "gid://shopify/Product/200", handle: "wool-socks", title: "Wool socks", variantIds: ["gid://shopify/ProductVariant/2001", "gid://shopify/ProductVariant/2002"] },
          { productId: "gid://shopify/Product/300", handle: "cap", title: "Cap", variantIds: ["gid://shopify/ProductVariant/3001"] },
        ],
      },
    );
    const fn = compileFunctionConfig([r], settings);
    expect(fn.offers[0]?.trigger).toMatchObject({ subtotalMin: 10000, itemsMax: 4 });
    expect(fn.offers[0]?.bundle).toEqual([["2001", "2002"], ["3001"]]);
    expect(parseFunctionConfig(functionMetafield(fn, "USD").value)).toEqual(fn);
  });

  it("keeps only the collections that triggers use", () => {
    const cfg = compileStorefrontConfig([record({}, { trigger: { collections: [{ id: "gid://shopify/Collection/77" }] } })], settings, {
      collections: { "gid://shopify/Collection/77": ["gid://shopify/Product/100"], "88": ["1"] },
    });
    expect(cfg.collections).toEqual({ "77": ["100"] });
  });

  it("the compiled config passes the engine's own check, survives its encoder and drives decide()", () => {
    const cfg = compileStorefrontConfig([record()], settings);
    expect(isStorefrontConfig(cfg)).toBe(true);
    const [main, en] = storefrontMetafields(cfg);
    expect(main?.key).toBe("config");
    expect(en?.key).toBe("content_en");
    const parsed = parseStorefrontConfig(main?.value, en?.value);
    expect(parsed).toEqual(cfg);
    if (!parsed) return;
    const r = decide(
      parsed,
      { currency: "EUR", rateMicros: 1_000_000, lines: [{ key: "k", productId: "100", variantId: "1001", quantity: 1, unitPrice: 9000 }], variants: { "2001": { unitPrice: 1500, available: true } } },
      { moment: "CART", loggedIn: false, customerTags: [], locale: "en", visitorId: "v" },
      { shownThisSession: 0, dismissedAt: {}, accepted: [], shownOfferIds: [] },
      Date.UTC(2026, 0, 1),
    );
    expect(r.show && r.content?.accept).toBe("Add socks");
  });

  it("refuses a config over 128 KB and names the largest offers to trim first", () => {
    const many = Array.from({ length: 400 }, (_, i) => record({ id: `offer-${i}`, name: `Offer ${i}` }, { trigger: { tags: [longText(i === 7 ? 4000 : 300)] } }));
    let err: unknown;
    try {
      compileStorefrontConfig(many, settings);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigTooLargeError);
    if (!(err instanceof ConfigTooLargeError)) return;
    expect(err.limit).toBe(131_072);
    expect(err.bytes).toBeGreaterThan(131_072);
    expect(err.offersToTrim[0]?.name).toBe("Offer 7");
    expect(err.message).toMatch(/^The storefront config would be [\d,]+ bytes; Shopify allows 131,072\. Pause, shorten or archive these offers, largest first: "Offer 7" \(/);
    const freed = err.offersToTrim.reduce((n, o) => n + o.bytes, 0);
    expect(freed).toBeGreaterThanOrEqual(err.bytes - err.limit);
  });

  it("an offer targeted only by a collection shows for a cart holding one of its products, through the published metafields", () => {
    const byCollection = record({ id: "col" }, { trigger: { products: [], collections: [{ id: "gid://shopify/Collection/77", title: "Outdoor" }] } });
    const cfg = compileStorefrontConfig([byCollection], settings, { collections: { "77": ["gid://shopify/Product/300", "301"] } });
    const [main, en] = storefrontMetafields(cfg);
    const parsed = parseStorefrontConfig(main?.value, en?.value);
    if (!parsed) throw new Error("the published config did not parse");
    // What the storefront knows of a line: product and variant ids, no collections.
    const cartWith = (productId: string) => ({
      currency: "EUR",
      rateMicros: 1_000_000,
      lines: [{ key: "k", productId, variantId: "3001", quantity: 1, unitPrice: 9000 }],
      variants: { "2001": { unitPrice: 1500, available: true } },
    });
    const shopper = { moment: "CART" as const, loggedIn: false, customerTags: [], locale: "en", visitorId: "v" };
    const memory = { shownThisSession: 0, dismissedAt: {}, accepted: [], shownOfferIds: [] };
    expect(decide(parsed, cartWith("301"), shopper, memory, Date.UTC(2026, 0, 1)).show).toBe(true);
    const outside = decide(parsed, cartWith("999"), shopper, memory, Date.UTC(2026, 0, 1));
    expect(!outside.show && outside.reasons.find((r) => r.offerId === "col")?.codes).toContain("TRIGGER_NOT_IN_CART");
    // Without the membership (what every sync published before), the same cart never triggers it.
    const bare = parseStorefrontConfig(storefrontMetafields(compileStorefrontConfig([byCollection], settings))[0]?.value, en?.value);
    expect(bare && decide(bare, cartWith("301"), shopper, memory, Date.UTC(2026, 0, 1)).show).toBe(false);
  });

  it("lists the collections active offers trigger on, once each, as numeric ids", () => {
    const a = record({ id: "a" }, { trigger: { collections: [{ id: "gid://shopify/Collection/77", title: "A" }, { id: "gid://shopify/Collection/78", title: "B" }] } });
    const b = record({ id: "b" }, { trigger: { collections: [{ id: "gid://shopify/Collection/77", title: "A" }] } });
    const draft = record({ id: "c", status: "DRAFT" }, { trigger: { collections: [{ id: "gid://shopify/Collection/99", title: "C" }] } });
    expect(triggerCollections([a, b, draft])).toEqual(["77", "78"]);
  });

  it("refuses membership that would not fit 128 KB, naming the collection and its offers; without the named ones it provably fits", () => {
    const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => String(7_000_000_000_000 + from + i));
    const offers = [
      record({ id: "a", name: "Everything" }, { trigger: { products: [], collections: [{ id: "gid://shopify/Collection/1", title: "All products" }] } }),
      record({ id: "b", name: "Small" }, { trigger: { products: [], collections: [{ id: "gid://shopify/Collection/2", title: "Hats" }] } }),
    ];
    const collections = { "1": ids(0, 9_500), "2": ids(20_000, 40) };
    let err: unknown;
    try {
      compileStorefrontConfig(offers, settings, { collections });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CollectionsTooLargeError);
    expect(err).toBeInstanceOf(ConfigTooLargeError);
    if (!(err instanceof CollectionsTooLargeError)) return;
    expect(err.bytes).toBeGreaterThan(STOREFRONT_LIMIT_BYTES);
    expect(err.collectionsToTrim.map((c) => c.name)).toEqual(["All products"]);
    expect(err.message).toMatch(/^The storefront config would be [\d,]+ bytes; Shopify allows 131,072\. .*"All products" \(9,500 products; used by "Everything"\)\. Trigger on smaller collections/);
    expect(() => compileStorefrontConfig(offers, settings, { collections: { "2": collections["2"] } })).not.toThrow();
  });

  it("the offers it names to trim really bring the config under the limit, even when they share product rows (decision record 0056)", () => {
    // Every offer offers the same 80-variant product: its row is stored once, but counts in each offer's own size.
    const variantIds = Array.from({ length: 80 }, (_, i) => `gid://shopify/ProductVariant/${7_000_000_000_000 + i}`);
    const shared = [{ productId: "gid://shopify/Product/200", handle: "wool-socks", title: "Wool socks", variantIds }];
    const many = Array.from({ length: 400 }, (_, i) => record({ id: `offer-${i}`, name: `Offer ${i}` }, { items: shared, trigger: { tags: [longText(300 + (i % 7))] } }));
    let err: unknown;
    try {
      compileStorefrontConfig(many, settings);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigTooLargeError);
    if (!(err instanceof ConfigTooLargeError)) return;
    const named = new Set(err.offersToTrim.map((o) => o.id));
    // Re-encoding without exactly the named offers fits.
    expect(() => compileStorefrontConfig(many.filter((o) => !named.has(o.id)), settings)).not.toThrow();
  });

  it("refuses per-locale text over 128 KB, naming offers", () => {
    const wordy = Array.from({ length: 300 }, (_, i) => record({ id: `o${i}`, name: `Wordy ${i}` }, { content: { de: { headline: "H", body: longText(480), accept: "Ja", decline: "Nein" } } }));
    expect(() => compileStorefrontConfig(wordy, settings)).toThrow(/"de" text would be [\d,]+ bytes.*"Wordy \d+"/);
  });
});

describe("compileFunctionConfig", () => {
  it("holds what the Function checks, for active offers with a discount", () => {
    const cfg = compileFunctionConfig([record({ id: "a" }), record({ id: "b" }, { discount: { kind: "NONE" } }), record({ id: "c", status: "DRAFT" })], settings);
    expect(cfg).toEqual({
      v: 1,
      offers: [{ id: "a", type: "CROSS_SELL", trigger: { match: "ANY", products: ["100"], variants: [], collections: [], tags: [] }, offeredVariants: ["2001"], discount: { kind: "PERCENT", bps: 1000 }, capBps: 2500 }],
    });
    expect(parseFunctionConfig(encodeFunctionConfig(cfg))).toEqual(cfg);
  });

  it("an offer whose only discount is in an A/B variant is kept, with the variant's discount", () => {
    const cfg = compileFunctionConfig([record({ id: "a" }, { discount: { kind: "NONE" }, abVariants: [{ id: "a", weight: 1 }, { id: "b", weight: 1, discount: { kind: "FIXED", amount: 300 } }] })], settings);
    expect(cfg.offers[0]?.variantDiscounts).toEqual({ b: { kind: "FIXED", amount: 300 } });
  });

  it("an upsell stored with a discount (saved before the rule) compiles to none: no discounted price in the popup, nothing for the Function", () => {
    const upgrade = { from: { productId: "gid://shopify/Product/100", title: "Phone X" }, to: { productId: "gid://shopify/Product/101", handle: "phone-x-pro", title: "Phone X Pro", variantIds: ["gid://shopify/ProductVariant/1011"] } };
    const upsell = record(
      { id: "up", type: "UPSELL" },
      { items: [], upgrades: [upgrade], discount: { kind: "PERCENT", bps: 1500 }, abVariants: [{ id: "a", weight: 1 }, { id: "b", weight: 1, discount: { kind: "FIXED", amount: 500 } }] },
    );
    const storefront = compileStorefrontConfig([upsell], settings);
    expect(storefront.offers[0]?.discount).toEqual({ kind: "NONE" });
    expect(storefront.offers[0]?.abVariants.map((v) => v.discount)).toEqual([undefined, undefined]);
    expect(compileFunctionConfig([upsell], settings).offers).toEqual([]);
  });

  it("refuses a config over the 3,138 bytes a 200-line cart leaves of the Function's input, saying why, and names offers to trim", () => {
    expect(FUNCTION_LIMIT_BYTES).toBe(3_138);
    const many = Array.from({ length: 120 }, (_, i) => record({ id: `cm${String(i).padStart(23, "0")}`, name: `Offer ${i}` }));
    expect(() => compileFunctionConfig(many, settings)).toThrow(ConfigTooLargeError);
    expect(() => compileFunctionConfig(many, settings)).toThrow(
      /discount function config would be [\d,]+ bytes; Shopify allows 3,138, so that a cart of 200 lines stays within the 64,000 bytes Shopify gives the discount function's input \(larger inputs get no discount at all\)\. .*"Offer \d+"/,
    );
  });

  it("a config that fits the metafield but would push a 200-line cart's input over 64,000 bytes is refused (decision 0079)", () => {
    const offers = (n: number) => Array.from({ length: n }, (_, i) => record({ id: `cm${String(i).padStart(23, "0")}`, name: `Offer ${i}` }));
    let n = 1;
    while (n < 500 && Buffer.byteLength(functionMetafield(compileUnchecked(offers(n + 1)), "EUR").value) <= FUNCTION_METAFIELD_LIMIT_BYTES) n++;
    // n offers fit the 10,000-byte metafield; far fewer fit the input budget.
    const written = Buffer.byteLength(functionMetafield(compileUnchecked(offers(n)), "EUR").value);
    expect(written).toBeGreaterThan(FUNCTION_INPUT_BUDGET_BYTES);
    expect(() => compileFunctionConfig(offers(n), settings)).toThrow(/Shopify allows 3,138, so that a cart of 200 lines/);
  });

  it("the input budget holds: a 200-line cart with Shopify-sized ids and the largest config that compiles stays within 64,000 bytes", () => {
    const offers = (n: number) => Array.from({ length: n }, (_, i) => record({ id: `cm${String(i).padStart(23, "0")}`, name: `Offer ${i}` }));
    let n = 1;
    while (n < 500) {
      try {
        compileFunctionConfig(offers(n + 1), settings);
        n++;
      } catch {
        break;
      }
    }
    const cfg = compileFunctionConfig(offers(n), settings);
    // Shopify-sized: CartLine ids up to 3 digits, 14-digit variants, 13-digit products, 7-character prices, quantities under 100.
    const lines = Array.from({ length: FULL_CART_LINES }, (_, i) => ({ id: `gid://shopify/CartLine/${i}`, variant: String(70_000_000_000_000 + i), product: String(7_000_000_000_000 + i), price: "1234.56", quantity: 99 }));
    const bytes = Buffer.byteLength(JSON.stringify(functionInput(cfg, lines)));
    expect(bytes).toBeLessThanOrEqual(FUNCTION_INPUT_LIMIT_BYTES);
    // The arithmetic is tight, not loose: one line less than a full cart's room is all that is left over.
    expect(bytes).toBeGreaterThan(FUNCTION_INPUT_LIMIT_BYTES - INPUT_LINE_BYTES - 200);
  });

  it("refuses discounted offers that trigger on more collections than the Function's query asks about, naming them", () => {
    const onCollection = (i: number, discount: { kind: "NONE" } | { kind: "PERCENT"; bps: number }) =>
      record({ id: `o${i}`, name: `Offer ${i}` }, { discount, trigger: { products: [], collections: [{ id: `gid://shopify/Collection/${700 + i}`, title: `Collection ${i}` }] } });
    const five = Array.from({ length: 5 }, (_, i) => onCollection(i, { kind: "PERCENT", bps: 1000 }));
    expect(compileFunctionConfig(five, settings).offers).toHaveLength(5);
    // A sixth with no discount is not the Function's business.
    expect(() => compileFunctionConfig([...five, onCollection(5, { kind: "NONE" })], settings)).not.toThrow();
    const six = [...five, onCollection(5, { kind: "PERCENT", bps: 1000 })];
    expect(() => compileFunctionConfig(six, settings)).toThrow(TriggerSlotsError);
    expect(() => compileFunctionConfig(six, settings)).toThrow(/at most 5 different collections .* use 6: "Collection 0", .*"Collection 5" \(in "Offer 0", .*"Offer 5"\)/);
  });

  describe("an automatic offer's excluded collections and tags take the Function's query slots too (decision 0096)", () => {
    const onCollection = (i: number) => record({ id: `o${i}`, name: `Offer ${i}` }, { trigger: { products: [], collections: [{ id: `gid://shopify/Collection/${700 + i}`, title: `Collection ${i}` }] } });
    const onTag = (i: number) => record({ id: `t${i}`, name: `Tagged ${i}` }, { trigger: { products: [], tags: [`tag-${i}`] } });
    const automatic = (excludeCollections: number[], excludeTags: string[], discount: { kind: "NONE" } | { kind: "PERCENT"; bps: number } = { kind: "PERCENT", bps: 1000 }) =>
      record(
        { id: "auto", name: "Recommended" },
        {
          items: [],
          productsFrom: "RECOMMENDED",
          discount,
          recommendation: {
            sources: ["co_purchase"],
            excludeProducts: [],
            excludeCollections: excludeCollections.map((i) => ({ id: `gid://shopify/Collection/${700 + i}`, title: `Collection ${i}` })),
            excludeTags,
          },
        },
      );

    it("refuses five trigger collections plus a sixth excluded one, naming every collection and offer", () => {
      const five = Array.from({ length: 5 }, (_, i) => onCollection(i));
      const over = [...five, automatic([5], [])];
      expect(() => compileFunctionConfig(over, settings)).toThrow(TriggerSlotsError);
      expect(() => compileFunctionConfig(over, settings)).toThrow(
        /^Discounted offers can trigger on or exclude at most 5 different collections in total, because checkout checks each one separately; your active discounted offers use 6: "Collection 0", .*"Collection 5" \(in "Offer 0", .*"Offer 4", "Recommended"\)\. Use fewer collections, trigger on products instead, or exclude products instead\.$/,
      );
    });

    it("counts a collection both triggered on and excluded once, and an automatic offer without a discount not at all", () => {
      const four = Array.from({ length: 4 }, (_, i) => onCollection(i));
      const cfg = compileFunctionConfig([...four, automatic([0, 4], [])], settings);
      expect(cfg.offers.find((o) => o.id === "auto")?.auto).toEqual({ excludeProducts: [], excludeCollections: ["700", "704"] });
      // Every collection has its slot: the four triggers first, then the excluded one no trigger uses.
      expect(JSON.parse(functionMetafield(cfg, "USD").value)).toMatchObject({ c0: ["gid://shopify/Collection/700"], c3: ["gid://shopify/Collection/703"], c4: ["gid://shopify/Collection/704"] });
      const five = Array.from({ length: 5 }, (_, i) => onCollection(i));
      expect(() => compileFunctionConfig([...five, automatic([5, 6, 7], ["a", "b", "c", "d", "e", "f"], { kind: "NONE" })], settings)).not.toThrow();
    });

    it("refuses trigger tags plus excluded tags beyond five, naming the tags and offers", () => {
      const over = [onTag(0), onTag(1), onTag(2), automatic([], ["gift-card", "sale", "tag-0", "final"])];
      expect(() => compileFunctionConfig(over, settings)).toThrow(
        /at most 5 different tags in total.* use 6: "tag-0", "tag-1", "tag-2", "gift-card", "sale", "final" \(in "Tagged 0", "Tagged 1", "Tagged 2", "Recommended"\)/,
      );
      // Without the third tagged offer: five, "tag-0" counted once though triggered on and excluded.
      expect(() => compileFunctionConfig([onTag(0), onTag(1), over[3] as OfferRecord], settings)).not.toThrow();
    });
  });

  it("refuses discounted offers that trigger on more than five tags", () => {
    const tagged = record({ id: "t" }, { trigger: { products: [], tags: ["a", "b", "c", "d", "e", "f"] } });
    expect(() => compileFunctionConfig([tagged], settings)).toThrow(/at most 5 different tags/);
  });

  it("whatever compiles fits as written: the Function metafield is measured with its slot variables", () => {
    const slots = Array.from({ length: 5 }, (_, i) => ({ id: `gid://shopify/Collection/${900_000_000_000 + i}`, title: `C${i}` }));
    const offers = (n: number) =>
      Array.from({ length: n }, (_, i) => record({ id: `cm${String(i).padStart(23, "0")}`, name: `Offer ${i}` }, i === 0 ? { trigger: { products: [], collections: slots } } : {}));
    let n = 1;
    while (n < 500) {
      try {
        compileFunctionConfig(offers(n + 1), settings);
        n++;
      } catch {
        break;
      }
    }
    // The most offers that compile: what the sync then writes must still be within the limit.
    const written = functionMetafield(compileFunctionConfig(offers(n), settings), "EUR").value;
    expect(Buffer.byteLength(written)).toBeLessThanOrEqual(FUNCTION_LIMIT_BYTES);
    expect(Buffer.byteLength(written)).toBeGreaterThan(FUNCTION_LIMIT_BYTES - 200);
  });

  it("the function config round-trips through its metafield form", () => {
    const cfg = compileFunctionConfig([record()], settings);
    expect(parseFunctionConfig(functionMetafield(cfg, "EUR").value)).toEqual(cfg);
  });

  it("the function metafield also carries the shop currency, its digits and one query variable per slot", () => {
    const value = JSON.parse(functionMetafield(compileFunctionConfig([record()], settings), "JPY").value) as Record<string, unknown>;
    expect(value.shopCurrency).toBe("JPY");
    // The Function reads the digits instead of looking the currency up (decision 0099).
    expect(value.shopDigits).toBe(0);
    expect((JSON.parse(functionMetafield(compileFunctionConfig([record()], settings), "KWD").value) as Record<string, unknown>).shopDigits).toBe(3);
    expect(value).toHaveProperty("c0");
    expect(value).toHaveProperty("t0");
  });
});

describe("scheduleColumns", () => {
  it("writes the row's UTC columns with the compiler's time zone rules", () => {
    // Whole shop days (decision record 0055): 09:00 on 4 July counts from that day's midnight, EDT.
    expect(scheduleColumns({ timezone: "America/New_York", startsAtLocal: "2026-07-04T09:00", endsAtLocal: null })).toEqual({ startsAt: new Date("2026-07-04T04:00:00Z"), endsAt: null });
  });
});
