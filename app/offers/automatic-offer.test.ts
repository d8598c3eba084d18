import { describe, expect, it } from "vitest";
import { decide } from "@tactful/engine/decide";
import { parseFunctionConfig, parseStorefrontConfig } from "@tactful/engine/wire";
import { coPurchaseItems } from "../shopify/co-purchase-items.server";
import type { AdminGraphql } from "../shopify/admin-api.server";
import type { CoPurchaseProvider } from "./co-purchase-provider.server";
import type { coPurchaseRecommendations } from "../recommendations/recommendations.server";
import { compileFunctionConfig, compileStorefrontConfig, functionMetafield, storefrontMetafields, triggerCollections } from "./offer-compiler";
import { offerInputSchema } from "./offer.schema";
import { definitionInput, record, settings } from "./offer-fixtures";

/* Automatic cross-sells from the editor's definition to the configs (decision records 0085, 0086). */

const automatic = (over: Parameters<typeof definitionInput>[0] = {}) =>
  record(
    {},
    {
      items: [],
      productsFrom: "RECOMMENDED",
      recommendation: {
        sources: ["co_purchase", "shopify_complementary"],
        excludeProducts: [{ id: "gid://shopify/Product/666", title: "Gift card", handle: "gift-card" }],
        excludeCollections: [{ id: "gid://shopify/Collection/77", title: "Sale" }],
        excludeTags: ["no-upsell"],
      },
      ...over,
    },
  );

const socks = { productId: "200", handle: "wool-socks", variantIds: ["2001", "2002"] };
const gift = { productId: "666", handle: "gift-card", variantIds: ["6661"] };

describe("automatic cross-sell: the definition", () => {
  const base = { name: "Recommended", type: "CROSS_SELL", moments: ["ADD_TO_CART"], definition: definitionInput({ items: [], productsFrom: "RECOMMENDED" }) };
  it("accepts a cross-sell without fixed products, with its default sources", () => {
    const r = offerInputSchema.safeParse(base);
    expect(r.success).toBe(true);
    expect(r.data?.definition.recommendation.sources).toEqual(["co_purchase", "shopify_complementary"]);
  });
  it("refuses with a message naming the field: no source, a repeated source, an unknown source, fixed products beside it, a bundle", () => {
    const issue = (x: unknown) => {
      const r = offerInputSchema.safeParse(x);
      return r.success ? null : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(issue({ ...base, definition: { ...base.definition, recommendation: { sources: [] } } })).toEqual(["definition.recommendation.sources: Choose at least one source of recommendations"]);
    expect(issue({ ...base, definition: { ...base.definition, recommendation: { sources: ["co_purchase", "co_purchase"] } } })).toEqual(["definition.recommendation.sources: Use each source once"]);
    expect(issue({ ...base, definition: { ...base.definition, recommendation: { sources: ["ai"] } } })?.[0]).toMatch(/^definition.recommendation.sources.0: Choose sources among/);
    expect(issue({ ...base, definition: definitionInput({ productsFrom: "RECOMMENDED" }) })).toEqual([
      "definition.items: Recommended products are chosen for each cart: remove the fixed products, or choose a fixed list",
    ]);
    expect(issue({ ...base, type: "BUNDLE" })).toContain("definition.productsFrom: Only a cross-sell can take its products from recommendations; a bundle names its products");
  });
  it("reads a definition saved before automatic offers as a fixed list (no migration)", () => {
    expect(record().definition.productsFrom).toBe("FIXED");
  });
});

describe("automatic cross-sell: compiled", () => {
  it("carries its sources, exclusions and the co-purchase lists of its trigger products only, without excluded or trigger products", () => {
    const cfg = compileStorefrontConfig([automatic()], settings, {
      collections: { "77": ["300"] },
      coPurchase: { "100": [{ ...gift }, { productId: "100", handle: "trail-runner", variantIds: ["1001"] }, socks], "999": [socks] },
    });
    const o = cfg.offers[0];
    expect(o?.items).toEqual([]);
    expect(o?.auto).toEqual({ sources: ["co_purchase", "shopify_complementary"], excludeProducts: ["666"], excludeCollections: ["77"], excludeTags: ["no-upsell"], coPurchase: { "100": [socks] } });
    // The excluded collection's membership travels, so the storefront can exclude its products.
    expect(cfg.collections).toEqual({ "77": ["300"] });
    expect(triggerCollections([automatic()])).toEqual(["77"]);
    // What the storefront reads back decides the same.
    const back = parseStorefrontConfig(storefrontMetafields(cfg)[0]?.value, ...storefrontMetafields(cfg).slice(1).map((m) => m.value));
    const cart = { currency: "EUR", rateMicros: 1_000_000, lines: [{ key: "k", productId: "100", variantId: "1001", quantity: 1, unitPrice: 10000 }], variants: { "2001": { unitPrice: 1500, available: true } } };
    const d = back && decide(back, cart, { moment: "ADD_TO_CART", loggedIn: false, customerTags: [], locale: "en", visitorId: "v" }, { shownThisSession: 0, dismissedAt: {}, accepted: [], shownOfferIds: [] }, Date.now());
    expect(d && d.show && d.items.map((i) => [i.productId, i.source])).toEqual([["200", "co_purchase"]]);
  });

  it("gives the Function the rule, not a variant list: its excluded products, collections and tags, small enough for the input budget", () => {
    const fn = compileFunctionConfig([automatic()], settings);
    expect(fn.offers[0]?.offeredVariants).toEqual([]);
    const auto = { excludeProducts: ["666"], excludeCollections: ["77"], excludeTags: ["no-upsell"] };
    expect(fn.offers[0]?.auto).toEqual(auto);
    const written = functionMetafield(fn, "EUR").value;
    expect(parseFunctionConfig(written)?.offers[0]?.auto).toEqual(auto);
    // The excluded collection and tag get query slots, so checkout can answer them on every line (decision 0096).
    expect(JSON.parse(written)).toMatchObject({ c0: ["gid://shopify/Collection/77"], t0: ["no-upsell"], c1: [], t1: [] });
    expect(Buffer.byteLength(written)).toBeLessThan(400);
    // Without excluded collections or tags the wire stays the list of excluded products (what a Function deployed before 0096 reads).
    const productsOnly = compileFunctionConfig([automatic({ recommendation: { sources: ["co_purchase"], excludeProducts: [{ id: "gid://shopify/Product/666", title: "Gift card", handle: "gift-card" }] } })], settings);
    expect((JSON.parse(functionMetafield(productsOnly, "EUR").value) as { o: { r: unknown }[] }).o[0]?.r).toEqual([666]);
  });
});

describe("the sync asks the co-purchase provider for each automatic offer's triggers", () => {
  const admin = (products: Record<string, { handle: string; variants: [string, boolean][] }>): AdminGraphql & { asked: string[][] } => {
    const asked: string[][] = [];
    return {
      asked,
      graphql: (async (_q: string, opts?: { variables?: { ids?: string[] } }) => {
        const ids = opts?.variables?.ids ?? [];
        asked.push(ids);
        const nodes = ids.map((id) => {
          const p = products[id.split("/").pop() as string];
          return p
            ? { id, handle: p.handle, title: p.handle, tags: [], featuredImage: null, variants: { nodes: p.variants.map(([v, a]) => ({ id: `gid://shopify/ProductVariant/${v}`, title: "T", price: "10.00", compareAtPrice: null, availableForSale: a })) } }
            : null;
        });
        return new Response(JSON.stringify({ data: { nodes } }));
      }) as unknown as AdminGraphql["graphql"],
    };
  };

  it("turns the provider's product GIDs into items with handles and available variants, per trigger", async () => {
    const calls: { shop: string; triggers: readonly string[]; limit?: number }[] = [];
    const provider: CoPurchaseProvider = async (shop, triggers, limit) => {
      calls.push({ shop, triggers, limit });
      return new Map([["gid://shopify/Product/100", [200, 404, 300].map((n) => ({ productId: `gid://shopify/Product/${n}`, together: 38, triggerOrders: 120, lift: 6.2, score: 1, pinned: false }))]]);
    };
    const api = admin({ "200": { handle: "wool-socks", variants: [["2001", true], ["2002", false]] }, "300": { handle: "gaiters", variants: [["3001", false]] } });
    const got = await coPurchaseItems("shop.myshopify.com", api, [automatic(), record({ id: "fixed" })], {}, provider);
    expect(calls).toEqual([{ shop: "shop.myshopify.com", triggers: ["gid://shopify/Product/100"], limit: 8 }]);
    // 404 is gone from Shopify, 300 has nothing available: only the socks, with their available variant.
    expect(got).toEqual({ "100": [{ productId: "200", handle: "wool-socks", variantIds: ["2001"] }] });
  });

  it("asks nothing when no active automatic offer uses the co-purchase source", async () => {
    const provider: CoPurchaseProvider = async () => {
      throw new Error("not asked");
    };
    const onlyShopify = automatic({ recommendation: { sources: ["shopify_complementary"] } });
    await expect(coPurchaseItems("s", admin({}), [onlyShopify, record()], {}, provider)).resolves.toEqual({});
  });
});

describe("the editor's preview of an automatic offer", () => {
  it("names the source that chose each product, and the frame shows those products", async () => {
    const { buildPreview, previewRequestSchema } = await import("./preview.server");
    const { offerInputSchema: schema } = await import("./offer.schema");
    const input = schema.parse({
      name: "Recommended",
      type: "CROSS_SELL",
      status: "ACTIVE",
      moments: ["ADD_TO_CART"],
      definition: definitionInput({ items: [], productsFrom: "RECOMMENDED", recommendation: { sources: ["co_purchase"] } }),
    });
    const product = (id: string, handle: string, price: string) => ({
      id: `gid://shopify/Product/${id}`,
      handle,
      title: handle === "wool-socks" ? "Wool socks" : "Trail runner",
      tags: [],
      featuredImage: null,
      variants: { nodes: [{ id: `gid://shopify/ProductVariant/${id}1`, title: "Default Title", price, compareAtPrice: null, availableForSale: true }] },
    });
    const preview = await buildPreview({
      input,
      offerId: "preview",
      settings,
      products: [product("100", "trail-runner", "100.00"), product("200", "wool-socks", "15.00")],
      coPurchase: { "100": [{ productId: "200", handle: "wool-socks", variantIds: ["2001"] }] },
      request: previewRequestSchema.parse({ offer: {}, cart: [{ productId: "100", variantId: "1001", quantity: 1 }] }),
      money: { currency: "EUR", moneyFormat: null },
      now: Date.now(),
    });
    expect(preview.decision.show).toBe(true);
    expect(preview.chosen).toEqual([{ title: "Wool socks", source: "co_purchase" }]);
    // The frame's config offers the chosen product as a fixed item: it has no recommendations to fetch.
    expect(preview.srcdoc).toContain("wool-socks");
    expect(preview.srcdoc).not.toContain('"r":{');
  });

  it("feeds Shopify's recommendations to the engine beside the co-purchase lists, in the merchant's source order (decision record 0098)", async () => {
    const { buildPreview, previewAnchors, previewRequestSchema } = await import("./preview.server");
    const { offerInputSchema: schema } = await import("./offer.schema");
    const input = (sources: ("co_purchase" | "shopify_complementary")[]) =>
      schema.parse({
        name: "Recommended",
        type: "CROSS_SELL",
        status: "ACTIVE",
        moments: ["ADD_TO_CART"],
        definition: definitionInput({ items: [], productsFrom: "RECOMMENDED", recommendation: { sources } }),
      });
    const product = (id: string, title: string, price: string) => ({
      id: `gid://shopify/Product/${id}`,
      handle: title.toLowerCase().replace(/ /g, "-"),
      title,
      tags: [],
      featuredImage: null,
      variants: { nodes: [{ id: `gid://shopify/ProductVariant/${id}1`, title: "Default Title", price, compareAtPrice: null, availableForSale: true }] },
    });
    const products = [product("100", "Trail runner", "100.00"), product("200", "Wool socks", "5.00"), product("300", "Insoles", "6.00")];
    const base = {
      offerId: "preview",
      settings,
      products,
      coPurchase: { "100": [{ productId: "200", handle: "wool-socks", variantIds: ["2001"] }] },
      // 999 is gone from the Admin API: no price, so it is dropped instead of stopping the choice.
      shopifyCandidates: [
        { source: "shopify_complementary" as const, forProductId: "100", item: { productId: "999", handle: "gone", variantIds: ["9991"] } },
        { source: "shopify_complementary" as const, forProductId: "100", item: { productId: "300", handle: "insoles", variantIds: ["3001"] } },
      ],
      request: previewRequestSchema.parse({ offer: {}, cart: [{ productId: "100", variantId: "1001", quantity: 1 }] }),
      money: { currency: "EUR", moneyFormat: null },
      now: Date.now(),
    };
    expect(previewAnchors({ ...base, input: input(["shopify_complementary"]) })).toEqual(["100"]);
    const shopifyFirst = await buildPreview({ ...base, input: input(["shopify_complementary", "co_purchase"]) });
    expect(shopifyFirst.chosen).toEqual([
      { title: "Insoles", source: "shopify_complementary" },
      { title: "Wool socks", source: "co_purchase" },
    ]);
    const ordersFirst = await buildPreview({ ...base, input: input(["co_purchase", "shopify_complementary"]) });
    expect(ordersFirst.chosen).toEqual([
      { title: "Wool socks", source: "co_purchase" },
      { title: "Insoles", source: "shopify_complementary" },
    ]);
    // The frame offers Shopify's product too, as a fixed item.
    expect(ordersFirst.srcdoc).toContain("insoles");
  });
});

/* The mining's function fits the provider the sync and the preview take: the lead's one-line wiring (coPurchaseProvider) typechecks. */
type MiningFitsProvider = typeof coPurchaseRecommendations extends CoPurchaseProvider ? true : never;
const miningFitsProvider: MiningFitsProvider = true;
void miningFitsProvider;
