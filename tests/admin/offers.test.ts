import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
// First: MSW must patch fetch before the Shopify library captures it.
import { adminServer, bearerRequest, FakeAdminApi, formPost, INSTALLATION_ID, jsonPost, useFakeAdmin } from "./fake-admin-api";
import db from "../../app/platform/db.server";
import { parseFunctionConfig, parseStorefrontConfig } from "@tactful/engine/wire";
import { decide } from "@tactful/engine/decide";
import { action as editorAction, loader as editorLoader } from "../../app/routes/app.offers.$id";
import { toOfferPayload, type OfferFormState } from "../../app/components/offer-form";
import { action as listAction, loader as listLoader } from "../../app/routes/app.offers._index";
import { retryPolicy } from "../../app/shopify/admin-api.server";
import { action as collectionUpdated } from "../../app/routes/webhooks.collections.update";
import { action as collectionDeleted } from "../../app/routes/webhooks.collections.delete";
import { installShop, signedWebhook, TEST_SHOP } from "../helpers/shopify-requests";
import { withCleanDatabase } from "../helpers/db";
import { crossSell, JACKET, SNEAKERS, SOCKS } from "./fixtures";
import { loader as homeLoader } from "../../app/routes/app._index";

withCleanDatabase();

let api = new FakeAdminApi();
const waits: number[] = [];
const realPolicy = { ...retryPolicy };

beforeEach(async () => {
  api = new FakeAdminApi();
  useFakeAdmin(api);
  waits.length = 0;
  // Observe the backoff instead of sleeping through it.
  retryPolicy.sleep = async (ms) => {
    waits.push(ms);
  };
  await installShop();
});
afterEach(() => Object.assign(retryPolicy, realPolicy));
afterAll(() => adminServer.close());

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
const save = async (id: string, offer: unknown) => editorAction(args(await jsonPost(`/app/offers/${id}`, { intent: "save", offer }), { id }));
const status = (r: unknown) => (r instanceof Response ? r.status : 0);
const json = async (r: unknown) => (r as Response).json() as Promise<Record<string, unknown>>;

function liveConfig() {
  const raw = api.metafield(INSTALLATION_ID, "tactful", "config");
  const en = api.metafield(INSTALLATION_ID, "tactful", "content_en");
  return raw ? parseStorefrontConfig(raw, en) : null;
}

async function createOne(offer = crossSell()) {
  const response = await save("new", offer);
  expect(status(response)).toBe(302);
  const row = await db.offer.findFirstOrThrow({ where: { shop: TEST_SHOP }, orderBy: { createdAt: "desc" } });
  return row;
}

describe("creating, editing and deleting offers", () => {
  it("creating a valid offer stores it, publishes it on the app installation and creates the one automatic discount", async () => {
    const row = await createOne();
    expect(row).toMatchObject({ name: "Socks with sneakers", status: "ACTIVE", type: "CROSS_SELL", moments: "ADD_TO_CART,CART", version: 1 });

    const config = liveConfig();
    expect(config?.offers.map((o) => o.id)).toEqual([row.id]);
    expect(config?.offers[0]?.content?.en?.headline).toBe("Complete the look");

    expect(api.count("TactfulDiscountCreate")).toBe(1);
    const [discountId, discount] = [...api.discounts.entries()][0] ?? [];
    expect(discount).toMatchObject({ functionHandle: "tactful-discount", discountClasses: ["PRODUCT"] });
    const fn = parseFunctionConfig(api.metafield(discountId ?? "", "$app:tactful", "function_config"));
    expect(fn?.offers.map((o) => o.id)).toEqual([row.id]);

    const settings = await db.shopSettings.findUniqueOrThrow({ where: { shop: TEST_SHOP } });
    expect(settings).toMatchObject({ syncStatus: "OK", syncError: null, discountId });
  });

  it("a second save reuses the existing discount instead of creating another", async () => {
    await createOne();
    await createOne(crossSell({ name: "Second" }));
    expect(api.count("TactfulDiscountCreate")).toBe(1);
    expect(api.count("TactfulDiscountNode")).toBe(1);
    expect(liveConfig()?.offers).toHaveLength(2);
  });

  it("editing an offer with the version it was loaded at saves it and bumps the version", async () => {
    const row = await createOne();
    const response = await save(row.id, crossSell({ name: "Renamed", version: 1 }));
    expect(status(response)).toBe(200);
    expect(await json(response)).toMatchObject({ ok: true, version: 2, syncError: null });
    expect(await db.offer.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ name: "Renamed", version: 2 });
  });

  it("pausing an offer in the editor takes it off the storefront", async () => {
    const row = await createOne();
    await save(row.id, crossSell({ status: "PAUSED", version: 1 }));
    expect(liveConfig()?.offers).toEqual([]);
  });

  it("deleting an offer removes it and republishes the config without it", async () => {
    const row = await createOne();
    const response = await editorAction(args(await jsonPost(`/app/offers/${row.id}`, { intent: "delete" }), { id: row.id }));
    expect(status(response)).toBe(302);
    expect(await db.offer.count()).toBe(0);
    expect(liveConfig()?.offers).toEqual([]);
  });
});

describe("validation", () => {
  it("an invalid offer is refused with 400 and field messages, and nothing is saved", async () => {
    const bad = crossSell({ items: [] });
    bad.name = "";
    bad.definition.content.en.headline = "";
    const response = await save("new", bad);
    expect(status(response)).toBe(400);
    const body = await json(response);
    expect(body.errors).toMatchObject({
      name: "Name is required",
      "definition.items": "Offer at least one product",
      "definition.content.en.headline": "Headline is required",
    });
    expect(await db.offer.count()).toBe(0);
    // Only the read of the shop's currency (to parse amounts in it); nothing published.
    expect(api.calls.map((c) => c.operation)).toEqual(["TactfulShopMoney"]);
  });

  it("the default-language fallback is saved, published and loaded back into the editor, and junk is refused with a message (0091)", async () => {
    const offer = crossSell();
    const junk = await save("new", { ...offer, definition: { ...offer.definition, fallbackToDefaultLocale: "yes" } });
    expect(status(junk)).toBe(400);
    expect((await json(junk)).errors).toMatchObject({ "definition.fallbackToDefaultLocale": "Choose whether to show the default language where no translation exists (true or false)" });
    expect(await db.offer.count()).toBe(0);

    expect(status(await save("new", { ...offer, definition: { ...offer.definition, fallbackToDefaultLocale: true } }))).toBe(302);
    const row = await db.offer.findFirstOrThrow({ where: { shop: TEST_SHOP } });
    expect(liveConfig()?.offers[0]?.fallbackToDefaultLocale).toBe(true);
    const load = async () =>
      ((await editorLoader(args(await jsonPost(`/app/offers/${row.id}`, {}).then((r) => new Request(r.url, { headers: r.headers })), { id: row.id }))) as { state: OfferFormState }).state;
    const state = await load();
    expect(state.fallbackToDefaultLocale).toBe(true);
    // The editor sends it back as loaded, and turning it off takes it off the storefront.
    expect(toOfferPayload(state, 1, "USD").definition.fallbackToDefaultLocale).toBe(true);
    expect(status(await save(row.id, toOfferPayload({ ...state, fallbackToDefaultLocale: false }, 1, "USD")))).toBe(200);
    expect((await load()).fallbackToDefaultLocale).toBe(false);
    expect(liveConfig()?.offers[0]?.fallbackToDefaultLocale).toBeUndefined();
  });

  it("an edit with invalid fields leaves the stored offer untouched", async () => {
    const row = await createOne();
    const bad = crossSell({ version: 1, discount: { kind: "PERCENT", bps: 20000 } });
    const response = await save(row.id, bad);
    expect(status(response)).toBe(400);
    expect((await json(response)).errors).toMatchObject({ "definition.discount.bps": "Percentage discount must be between 0.01% and 100%" });
    expect(await db.offer.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ version: 1, definition: row.definition });
  });
});

describe("optimistic locking", () => {
  it("saving a stale version answers 409 and overwrites nothing", async () => {
    const row = await createOne();
    expect(status(await save(row.id, crossSell({ name: "Tab A", version: 1 })))).toBe(200);
    const stale = await save(row.id, crossSell({ name: "Tab B", version: 1 }));
    expect(status(stale)).toBe(409);
    expect(await json(stale)).toMatchObject({ ok: false, conflict: { currentVersion: 2 } });
    expect(await db.offer.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ name: "Tab A", version: 2 });
  });

  it("a bulk status change also makes an open editor's copy stale", async () => {
    const row = await createOne();
    await listAction(args(await formPost("/app/offers", { intent: "pause", ids: [row.id] })));
    expect(status(await save(row.id, crossSell({ version: 1 })))).toBe(409);
  });
});

describe("sync to Shopify", () => {
  it("a throttled sync is retried after the wait the cost-based rate limit asks for", async () => {
    // 10 points requested, 4 available, 100 restored per second: 60 ms until it fits.
    api.fail("TactfulMetafieldsSet", { kind: "throttled", requestedQueryCost: 10, currentlyAvailable: 4, restoreRate: 100 }, 2);
    const row = await createOne();
    expect(api.count("TactfulMetafieldsSet")).toBe(3);
    expect(waits).toEqual([60, 60]);
    expect(liveConfig()?.offers.map((o) => o.id)).toEqual([row.id]);
    expect(await db.shopSettings.findUniqueOrThrow({ where: { shop: TEST_SHOP } })).toMatchObject({ syncStatus: "OK" });
  });

  it("a 5xx answer is retried with exponential backoff", async () => {
    api.fail("TactfulAppInstallation", { kind: "http", status: 503 }, 2);
    await createOne();
    expect(api.count("TactfulAppInstallation")).toBe(3);
    expect(waits).toEqual([realPolicy.baseDelayMs, realPolicy.baseDelayMs * 2]);
    expect(liveConfig()?.offers).toHaveLength(1);
  });

  it("a sync that Shopify refuses records the error and leaves the previous config in place", async () => {
    const first = await createOne();
    const before = api.metafield(INSTALLATION_ID, "tactful", "config");
    api.fail("TactfulMetafieldsSet", { kind: "userErrors", errors: [{ field: ["metafields", "0", "value"], message: "Value is invalid JSON." }] });

    const response = await save(first.id, crossSell({ name: "Changed", status: "PAUSED", version: 1 }));
    expect(status(response)).toBe(200);
    const body = await json(response);
    expect(body.ok).toBe(true);
    expect(String(body.syncError)).toContain("Value is invalid JSON.");

    // The merchant's save stands; Shopify keeps serving the last good config.
    expect(await db.offer.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ status: "PAUSED", version: 2 });
    expect(api.metafield(INSTALLATION_ID, "tactful", "config")).toBe(before);
    expect(liveConfig()?.offers.map((o) => o.id)).toEqual([first.id]);
    const settings = await db.shopSettings.findUniqueOrThrow({ where: { shop: TEST_SHOP } });
    expect(settings.syncStatus).toBe("FAILED");
    expect(settings.syncError).toContain("metafields.0.value: Value is invalid JSON.");
  });

  it("a sync that keeps being throttled gives up, records why, and keeps the old config", async () => {
    const first = await createOne();
    const before = api.metafield(INSTALLATION_ID, "tactful", "config");
    api.fail("TactfulMetafieldsSet", { kind: "throttled" }, 10);
    await save(first.id, crossSell({ status: "PAUSED", version: 1 }));
    expect(api.count("TactfulMetafieldsSet")).toBe(1 + realPolicy.maxAttempts);
    expect(api.metafield(INSTALLATION_ID, "tactful", "config")).toBe(before);
    const settings = await db.shopSettings.findUniqueOrThrow({ where: { shop: TEST_SHOP } });
    expect(settings).toMatchObject({ syncStatus: "FAILED" });
    expect(settings.syncError).toContain("throttled");
  });

  it("a call Shopify never answers times out, is retried, and the sync completes", async () => {
    retryPolicy.timeoutMs = 50;
    api.fail("TactfulMetafieldsSet", { kind: "hang" }, 2);
    const row = await createOne();
    expect(api.count("TactfulMetafieldsSet")).toBe(3);
    expect(waits).toEqual([realPolicy.baseDelayMs, realPolicy.baseDelayMs * 2]);
    expect(liveConfig()?.offers.map((o) => o.id)).toEqual([row.id]);
    expect(await db.shopSettings.findUniqueOrThrow({ where: { shop: TEST_SHOP } })).toMatchObject({ syncStatus: "OK", syncError: null });
  });

  it("a sync that keeps timing out says so on Home and keeps the previous config live", async () => {
    const first = await createOne();
    const before = api.metafield(INSTALLATION_ID, "tactful", "config");
    retryPolicy.timeoutMs = 50;
    api.fail("TactfulAppInstallation", { kind: "hang" }, realPolicy.maxAttempts);
    const response = await save(first.id, crossSell({ status: "PAUSED", version: 1 }));
    expect(String((await json(response)).syncError)).toContain("did not answer within 0.05 s");
    expect(api.metafield(INSTALLATION_ID, "tactful", "config")).toBe(before);
    const settings = await db.shopSettings.findUniqueOrThrow({ where: { shop: TEST_SHOP } });
    expect(settings).toMatchObject({ syncStatus: "FAILED" });
    expect(settings.syncError).toContain("gave up after 5 attempts");
  });

  it("a discount deleted in Shopify is created again on the next sync", async () => {
    await createOne();
    api.discounts.clear();
    await createOne(crossSell({ name: "Second" }));
    expect(api.count("TactfulDiscountCreate")).toBe(2);
    const settings = await db.shopSettings.findUniqueOrThrow({ where: { shop: TEST_SHOP } });
    expect(settings.discountId).toBe("gid://shopify/DiscountAutomaticNode/2");
  });

  it("an offer that would push the config over Shopify's size limit is refused at save and nothing is saved", async () => {
    // Each offer discounts and triggers on 50 products: ~700 bytes of Function config apiece, against the 3,138 bytes a 200-line cart leaves of the Function's input (0079).
    const triggers = (offer: number) => Array.from({ length: 50 }, (_, j) => ({ id: `gid://shopify/Product/${7_000_000_000_000 + offer * 100 + j}`, title: `P${j}`, handle: `p-${j}` }));
    let created = 0;
    let refused: Response | null = null;
    for (let i = 0; i < 30 && !refused; i++) {
      const response = await save("new", crossSell({ name: `Offer ${i}`, triggerProducts: triggers(i) }));
      if (status(response) === 302) created++;
      else refused = response as Response;
    }
    expect(refused?.status).toBe(400);
    const body = await json(refused);
    expect(String(body.tooLarge)).toMatch(
      /^The discount function config would be [\d,]+ bytes; Shopify allows 3,138, so that a cart of 200 lines stays within the 64,000 bytes Shopify gives the discount function's input \(larger inputs get no discount at all\)\. Pause, shorten or archive these offers, largest first: "Offer \d+" \([\d,]+ bytes\)/,
    );
    // The refusal comes where the input budget binds, long before the metafield's 10,000 bytes.
    expect(created).toBeGreaterThanOrEqual(3);
    expect(created).toBeLessThanOrEqual(5);
    expect(await db.offer.count()).toBe(created);
    expect(liveConfig()?.offers).toHaveLength(created);
  });
});

describe("collection triggers", () => {
  const OUTDOOR = "gid://shopify/Collection/505";
  const productGids = (n: number, from = 7_000_000_000_000) => Array.from({ length: n }, (_, i) => `gid://shopify/Product/${from + i}`);
  /** The cross-sell fixture, triggered ONLY by these collections. */
  const byCollections = (name: string, ...collections: { id: string; title: string }[]) => {
    const offer = crossSell({ name, triggerProducts: [] });
    offer.definition.trigger.collections = collections as never[];
    return offer;
  };
  const cartOf = (productId: string) => ({
    currency: "EUR",
    rateMicros: 1_000_000,
    lines: [{ key: "k", productId, variantId: "1", quantity: 1, unitPrice: 10_000 }],
    variants: { "2002": { unitPrice: 1200, available: true } },
  });
  const shopper = { moment: "CART" as const, loggedIn: false, customerTags: [], locale: "en", visitorId: "v" };
  const memory = { shownThisSession: 0, dismissedAt: {}, accepted: [], shownOfferIds: [] };

  it("saving an offer targeted only by a collection publishes the collection's products (every page), and the storefront engine then shows it", async () => {
    // 600 products: three pages of 250 from the Admin API.
    const members = productGids(600);
    api.collections.set(OUTDOOR, { title: "Outdoor", productIds: members });
    const row = await createOne(byCollections("Anything outdoor", { id: OUTDOOR, title: "Outdoor" }));
    const config = liveConfig();
    expect(config?.offers.map((o) => o.id)).toEqual([row.id]);
    expect(config?.collections?.["505"]).toHaveLength(600);
    expect(config?.collections?.["505"]?.at(-1)).toBe("7000000000599");
    // Fetched once for the save's size check; the sync reuses it.
    expect(api.calls.filter((c) => c.operation === "TactfulCollectionProducts").map((c) => c.variables.after ?? null)).toEqual([null, "250", "500"]);
    if (!config) return;
    expect(decide(config, cartOf("7000000000599"), shopper, memory, Date.now()).show).toBe(true);
    expect(decide(config, cartOf("6999999999999"), shopper, memory, Date.now()).show).toBe(false);
    // The Function asks Shopify about the collection itself: its query variable names it.
    const [discountId] = [...api.discounts.keys()];
    const fn = JSON.parse(api.metafield(discountId ?? "", "$app:tactful", "function_config") ?? "{}") as Record<string, unknown>;
    expect(fn.c0).toEqual([OUTDOOR]);
  });

  it("a collection too large to publish is refused at save, naming it, and nothing is saved", async () => {
    api.collections.set(OUTDOOR, { title: "Everything outdoor", productIds: productGids(9_400) });
    const response = await save("new", byCollections("Too wide", { id: OUTDOOR, title: "Everything outdoor" }));
    expect(status(response)).toBe(400);
    const body = await json(response);
    expect(String(body.tooLarge)).toMatch(/Shopify allows 131,072\. A trigger collection is published with the id of every product in it, .*"Everything outdoor" \(9,400 products/);
    expect(await db.offer.count()).toBe(0);
    // Refused from Shopify's count, before paging through 38 pages.
    expect(api.count("TactfulCollectionProducts")).toBe(1);
  });

  it("membership that fits on its own but not with the rest of the config is refused the same way", async () => {
    // Under the count guard (which assumes today's 13-digit ids), but 15-digit ids of two 4,500-product collections do not fit 128 KB.
    api.collections.set(OUTDOOR, { title: "Outdoor", productIds: productGids(4_500, 100_000_000_000_000) });
    api.collections.set("gid://shopify/Collection/506", { title: "Yoga", productIds: productGids(4_500, 200_000_000_000_000) });
    await createOne(byCollections("Outdoor only", { id: OUTDOOR, title: "Outdoor" }));
    const response = await save("new", byCollections("Yoga too", { id: "gid://shopify/Collection/506", title: "Yoga" }));
    expect(status(response)).toBe(400);
    expect(String((await json(response)).tooLarge)).toMatch(/too large: "(Outdoor|Yoga)" \(4,500 products; used by "(Outdoor only|Yoga too)"\)/);
    expect(await db.offer.count()).toBe(1);
    expect(liveConfig()?.collections?.["505"]).toHaveLength(4_500);
  });

  it("collections/update for a trigger collection republishes its products; for any other collection, nothing is fetched", async () => {
    api.collections.set(OUTDOOR, { title: "Outdoor", productIds: productGids(2) });
    await createOne(byCollections("Anything outdoor", { id: OUTDOOR, title: "Outdoor" }));
    expect(liveConfig()?.collections?.["505"]).toEqual(["7000000000000", "7000000000001"]);
    // The merchant adds a product on the collection's page.
    api.collections.set(OUTDOOR, { title: "Outdoor", productIds: productGids(3) });
    const fetched = api.count("TactfulCollectionProducts");
    const other = await collectionUpdated({ request: signedWebhook("collections/update", { id: 999, title: "Unrelated" }), params: {}, context: {} });
    expect(other.status).toBe(200);
    expect(api.count("TactfulCollectionProducts")).toBe(fetched);
    expect(liveConfig()?.collections?.["505"]).toHaveLength(2);
    const ours = await collectionUpdated({ request: signedWebhook("collections/update", { id: 505, title: "Outdoor" }), params: {}, context: {} });
    expect(ours.status).toBe(200);
    expect(liveConfig()?.collections?.["505"]).toEqual(["7000000000000", "7000000000001", "7000000000002"]);
    // Deleted in Shopify: published as empty, so the offer no longer triggers on it.
    api.collections.delete(OUTDOOR);
    await collectionDeleted({ request: signedWebhook("collections/delete", { id: 505 }), params: {}, context: {} });
    expect(liveConfig()?.collections?.["505"]).toEqual([]);
  });

  it("bulk-activating a draft on a collection too large to publish is refused with the collection named, and nothing changes", async () => {
    api.collections.set(OUTDOOR, { title: "Everything outdoor", productIds: productGids(9_400) });
    const draft = byCollections("Too wide", { id: OUTDOOR, title: "Everything outdoor" });
    draft.status = "DRAFT";
    const row = await createOne(draft);
    const response = await listAction(args(await formPost("/app/offers", { intent: "activate", ids: [row.id] })));
    expect(status(response)).toBe(400);
    expect(String((await json(response)).error)).toMatch(/"Everything outdoor" \(9,400 products/);
    expect((await db.offer.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("DRAFT");
  });

  it("a sixth trigger collection among discounted offers is refused: checkout could never see it", async () => {
    for (let i = 0; i < 5; i++) await createOne(byCollections(`C${i}`, { id: `gid://shopify/Collection/${600 + i}`, title: `Col ${i}` }));
    const response = await save("new", byCollections("Sixth", { id: "gid://shopify/Collection/699", title: "Col 6" }));
    expect(status(response)).toBe(400);
    expect(String((await json(response)).tooLarge)).toMatch(/at most 5 different collections/);
    expect(await db.offer.count()).toBe(5);
  });

  it("an automatic offer excluding a sixth collection is refused too, naming it and the offers: checkout checks exclusions in the same slots (0096)", async () => {
    for (let i = 0; i < 5; i++) await createOne(byCollections(`C${i}`, { id: `gid://shopify/Collection/${600 + i}`, title: `Col ${i}` }));
    const automatic = (excluded: { id: string; title: string }) => {
      const offer = crossSell({ name: "Recommended", items: [] });
      return { ...offer, definition: { ...offer.definition, productsFrom: "RECOMMENDED", recommendation: { sources: ["shopify_complementary"], excludeProducts: [], excludeCollections: [excluded], excludeTags: [] } } };
    };
    const response = await save("new", automatic({ id: "gid://shopify/Collection/698", title: "Sale" }));
    expect(status(response)).toBe(400);
    expect(String((await json(response)).tooLarge)).toMatch(/trigger on or exclude at most 5 different collections in total.*use 6: .*"Sale" \(in "C0", .*"Recommended"\)/);
    expect(await db.offer.count()).toBe(5);
    // Excluding one of the five trigger collections takes no new slot: saved.
    await createOne(automatic({ id: "gid://shopify/Collection/600", title: "Col 0" }) as ReturnType<typeof crossSell>);
    expect(await db.offer.count()).toBe(6);
  });
});

describe("the offers list", () => {
  async function seed() {
    const rows = [
      { name: "Alpha upsell", status: "ACTIVE", type: "UPSELL", priority: 5, moments: "CART" },
      { name: "Beta socks", status: "DRAFT", type: "CROSS_SELL", priority: 1, moments: "ADD_TO_CART,CART" },
      { name: "Gamma bundle", status: "PAUSED", type: "BUNDLE", priority: 9, moments: "PRE_CHECKOUT" },
      { name: "Delta socks", status: "ACTIVE", type: "CROSS_SELL", priority: 3, moments: "ADD_TO_CART" },
    ];
    for (const r of rows) await db.offer.create({ data: { shop: TEST_SHOP, ...r, definition: {} } });
    await db.offer.create({ data: { shop: "other-shop.myshopify.com", name: "Not yours", status: "ACTIVE", type: "UPSELL", moments: "CART", definition: {} } });
  }
  const list = async (qs: string) => (await listLoader(args(await bearerRequest(`/app/offers${qs}`)))) as Awaited<ReturnType<typeof listLoader>>;

  it("filters by status, type, moment and name, server-side, and never shows another shop's offers", async () => {
    await seed();
    expect((await list("")).total).toBe(4);
    expect((await list("?status=ACTIVE")).offers.map((o) => o.name).sort()).toEqual(["Alpha upsell", "Delta socks"]);
    expect((await list("?type=CROSS_SELL&moment=CART")).offers.map((o) => o.name)).toEqual(["Beta socks"]);
    expect((await list("?q=socks")).offers.map((o) => o.name).sort()).toEqual(["Beta socks", "Delta socks"]);
  });

  it("sorts by the chosen column and paginates 25 at a time", async () => {
    await seed();
    expect((await list("?sort=priority&dir=desc")).offers.map((o) => o.priority)).toEqual([9, 5, 3, 1]);
    expect((await list("?sort=name&dir=asc")).offers[0]?.name).toBe("Alpha upsell");
    for (let i = 0; i < 30; i++) await db.offer.create({ data: { shop: TEST_SHOP, name: `Bulk ${i}`, type: "CROSS_SELL", moments: "CART", definition: {} } });
    const page2 = await list("?page=2");
    expect(page2).toMatchObject({ total: 34, page: 2, pageCount: 2 });
    expect(page2.offers).toHaveLength(9);
  });

  it("bulk pause, activate and archive change only the selected offers and resync", async () => {
    const a = await createOne(crossSell({ name: "A" }));
    const b = await createOne(crossSell({ name: "B" }));
    const r = await listAction(args(await formPost("/app/offers", { intent: "pause", ids: [a.id] })));
    expect(await json(r)).toMatchObject({ ok: true, message: "1 offer paused" });
    expect(liveConfig()?.offers.map((o) => o.id)).toEqual([b.id]);
    await listAction(args(await formPost("/app/offers", { intent: "archive", ids: [a.id, b.id] })));
    expect((await db.offer.findMany()).map((o) => o.status)).toEqual(["ARCHIVED", "ARCHIVED"]);
    await listAction(args(await formPost("/app/offers", { intent: "activate", ids: [a.id] })));
    expect(liveConfig()?.offers.map((o) => o.id)).toEqual([a.id]);
  });

  it("bulk delete removes the selected offers; duplicate copies one as a draft", async () => {
    const a = await createOne(crossSell({ name: "A" }));
    await listAction(args(await formPost("/app/offers", { intent: "duplicate", ids: [a.id] })));
    const copy = await db.offer.findFirstOrThrow({ where: { name: "Copy of A" } });
    expect(copy).toMatchObject({ status: "DRAFT", type: "CROSS_SELL", definition: a.definition });
    const r = await listAction(args(await formPost("/app/offers", { intent: "delete", ids: [a.id, copy.id] })));
    expect(await json(r)).toMatchObject({ ok: true, message: "2 offers deleted" });
    expect(await db.offer.count()).toBe(0);
  });

  it("shows each offer's impressions, conversion and attributed revenue for the period, in the shop currency's digits", async () => {
    for (const p of [SNEAKERS, SOCKS]) api.products.set(p.id, p);
    api.shopCurrency = "KWD";
    const a = await createOne(crossSell({ name: "A" }));
    const day = new Date().toISOString().slice(0, 10);
    await db.dailyStat.createMany({
      data: [
        { shop: TEST_SHOP, day, offerId: a.id, arm: "", moment: "CART", impressions: 40, accepts: 10 },
        { shop: TEST_SHOP, day, offerId: a.id, arm: "", moment: "", orders: 3, revenue: 12_345 },
        // The holdout saw nothing: not counted as impressions.
        { shop: TEST_SHOP, day, offerId: a.id, arm: "holdout", moment: "CART", impressions: 99 },
      ],
    });
    const l = await list("?period=7");
    expect(l.query.period).toBe("7");
    expect(l.figures[a.id]).toEqual({ impressions: 40, accepts: 10, revenue: 12_345 });
    // KWD has three decimals: 12,345 minor units are 12.345 dinars.
    expect(l.currency).toBe("KWD");
    expect(l.reach[a.id]).toEqual({ kind: "SHOWS" });
  });

  it("an active offer over its cap for every trigger is 'Never shows' with the reason and fix, and Home does not count it live", async () => {
    for (const p of [SNEAKERS, SOCKS, JACKET]) api.products.set(p.id, p);
    await createOne(crossSell({ name: "Socks" }));
    // A $31 jacket for a $12 socks trigger: +259% against the 25% cap, whatever the cart of one trigger.
    const jacket = crossSell({ name: "Jacket with socks", discount: { kind: "NONE" }, triggerProducts: [{ id: SOCKS.id, title: SOCKS.title, handle: SOCKS.handle }], items: [{ productId: JACKET.id, handle: JACKET.handle, title: JACKET.title, variantIds: [JACKET.variants[0]?.id] }] });
    const never = await createOne(jacket);
    const l = await list("");
    expect(l.reach[never.id]).toEqual({
      kind: "NEVER",
      code: "OVER_PRICE_CAP",
      message: "Over its 25% cap for every trigger: adding Rain jacket to a cart of its trigger product raises it by 259%.",
      fix: "Raise the cap to 260%, or offer a cheaper product.",
    });
    const home = (await homeLoader(args(await bearerRequest("/app")))) as Awaited<ReturnType<typeof homeLoader>>;
    expect(home).toMatchObject({ offers: 2, active: 1, neverShows: 1 });
    // Paused, it is simply paused: "never shows" is about active offers.
    await listAction(args(await formPost("/app/offers", { intent: "pause", ids: [never.id] })));
    expect((await list("")).reach[never.id]).toBeUndefined();
  });

  it("a bulk request with an unknown action or no selection is a 400", async () => {
    expect(status(await listAction(args(await formPost("/app/offers", { intent: "explode", ids: ["x"] }))))).toBe(400);
    expect(status(await listAction(args(await formPost("/app/offers", { intent: "pause" }))))).toBe(400);
  });
});

void SNEAKERS;
