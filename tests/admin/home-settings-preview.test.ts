import { afterAll, beforeEach, describe, expect, it } from "vitest";
// First: MSW must patch fetch before the Shopify library captures it.
import { adminServer, bearerRequest, FakeAdminApi, INSTALLATION_ID, jsonPost, useFakeAdmin } from "./fake-admin-api";
import db from "../../app/platform/db.server";
import { parseStorefrontConfig } from "@tactful/engine/wire";
import { loader as homeLoader } from "../../app/routes/app._index";
import { action as settingsAction } from "../../app/routes/app.settings";
import { action as previewAction } from "../../app/routes/app.preview";
import { loader as editorLoader } from "../../app/routes/app.offers.$id";
import { embedEnabledIn } from "../../app/shopify/theme-embed.server";
import { installShop, TEST_SHOP } from "../helpers/shopify-requests";
import { withCleanDatabase } from "../helpers/db";
import { crossSell, JACKET, SNEAKERS, SOCKS } from "./fixtures";

withCleanDatabase();

let api = new FakeAdminApi();
beforeEach(async () => {
  api = new FakeAdminApi();
  useFakeAdmin(api);
  await installShop();
});
afterAll(() => adminServer.close());

const args = (request: Request) => ({ request, params: {}, context: {} });
const home = async () => (await homeLoader(args(await bearerRequest("/app")))) as Awaited<ReturnType<typeof homeLoader>>;

/** settings_data.json as Shopify stores it, with its generated comment header. */
const settingsData = (blocks: Record<string, unknown>) => `/*
 * ------------------------------------------------------------
 * IMPORTANT: The contents of this file are auto-generated.
 * ------------------------------------------------------------
 */
${JSON.stringify({ current: { sections: {}, content_for_index: [], blocks }, presets: {} }, null, 2)}`;

describe("Home", () => {
  it("reports the app embed as on when the live theme has our embed block and it is not disabled", async () => {
    api.settingsData = settingsData({ "1234": { type: "shopify://apps/tactful-upsell/blocks/tactful-embed/0b7a-uuid", disabled: false, settings: {} } });
    expect((await home()).embed).toEqual({ state: "ENABLED", themeName: "Dawn" });
  });

  it("reports the embed as off, with the theme editor deep link, when the block is disabled or missing", async () => {
    api.settingsData = settingsData({ "1234": { type: "shopify://apps/tactful-upsell/blocks/tactful-embed/0b7a-uuid", disabled: true, settings: {} } });
    const h = await home();
    expect(h.embed).toEqual({ state: "DISABLED", themeName: "Dawn" });
    expect(h.embedUrl).toBe(`https://${TEST_SHOP}/admin/themes/current/editor?context=apps&activateAppId=${process.env.SHOPIFY_API_KEY}/tactful-embed`);
    api.settingsData = settingsData({ "99": { type: "shopify://apps/another-app/blocks/tactful-embed/x", settings: {} } });
    expect((await home()).embed.state).toBe("DISABLED");
  });

  it("says it could not check the theme, rather than guessing, when Shopify fails", async () => {
    api.fail("TactfulMainThemeSettings", { kind: "http", status: 502 });
    expect((await home()).embed).toMatchObject({ state: "UNKNOWN" });
  });

  it("shows the last sync status and error recorded for the shop", async () => {
    await db.shopSettings.create({ data: { shop: TEST_SHOP, syncStatus: "FAILED", syncError: "Shopify refused the settings: Value is invalid JSON." } });
    expect((await home()).sync).toMatchObject({ status: "FAILED", error: "Shopify refused the settings: Value is invalid JSON." });
  });

  it("a theme whose settings name a preset has no embed blocks", () => {
    expect(embedEnabledIn('{"current":"Default","presets":{}}')).toBe(false);
    expect(embedEnabledIn("not json")).toBeNull();
  });
});

describe("a new offer", () => {
  const load = async () => (await editorLoader({ request: await bearerRequest("/app/offers/new"), params: { id: "new" }, context: {} })) as Awaited<ReturnType<typeof editorLoader>>;

  it("schedules in the shop's own time zone by default, and in UTC when Shopify can't say", async () => {
    expect((await load()).state.timezone).toBe("Europe/Berlin");
    api.timezone = "Not/AZone";
    expect((await load()).state.timezone).toBe("UTC");
  });
});

describe("Settings", () => {
  const valid = {
    capBps: 2000,
    maxPerSession: 2,
    cooldownDays: 14,
    paused: false,
    defaultLocale: "en",
    style: { accent: "#008060", radius: 8, position: "bottom", scheme: "dark" },
    texts: { en: { headline: "Goes well with", body: "", accept: "Add", decline: "No thanks" } },
  };

  it("saves valid settings and publishes them in the storefront config", async () => {
    const r = (await settingsAction(args(await jsonPost("/app/settings", valid)))) as Response;
    expect(r.status).toBe(200);
    expect(await db.shopSettings.findUniqueOrThrow({ where: { shop: TEST_SHOP } })).toMatchObject({ capBps: 2000, maxPerSession: 2, cooldownDays: 14, syncStatus: "OK" });
    const config = parseStorefrontConfig(api.metafield(INSTALLATION_ID, "tactful", "config"));
    expect(config?.settings).toMatchObject({ capBps: 2000, maxPerSession: 2, style: { accent: "#008060", scheme: "dark" } });
  });

  it("refuses invalid settings with 400 and field messages, saving nothing", async () => {
    const r = (await settingsAction(args(await jsonPost("/app/settings", { ...valid, capBps: 50, style: { ...valid.style, accent: "green" } })))) as Response;
    expect(r.status).toBe(400);
    expect((await r.json()).errors).toMatchObject({ capBps: "Price cap must be between 1% and 100%", "style.accent": "Accent colour must be a hex colour such as #1a73e8" });
    expect(await db.shopSettings.count()).toBe(0);
    expect(api.calls).toEqual([]);
  });
});

describe("the live preview", () => {
  beforeEach(() => {
    for (const p of [SNEAKERS, SOCKS, JACKET]) api.products.set(p.id, p);
  });
  const preview = async (body: Record<string, unknown>) => (await previewAction(args(await jsonPost("/app/preview", body)))) as Response;
  const cart = [{ productId: SOCKS.id, variantId: SOCKS.variants[0]?.id, quantity: 1 }];

  it("renders the offer for a sample cart that triggers it, within the cap", async () => {
    const r = await preview({ offer: crossSell(), cart: [{ productId: SNEAKERS.id, variantId: SNEAKERS.variants[0]?.id, quantity: 1 }] });
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body).toMatchObject({ ok: true, show: true, reasons: [] });
    expect(body.srcdoc).toContain('id="tactful-config"');
    expect(body.srcdoc).toContain('id="tactful-content"');
    expect(body.srcdoc).toContain('"preview":{"cart"');
    expect((await db.shopSettings.findUniqueOrThrow({ where: { shop: TEST_SHOP } })).previewedAt).toBeInstanceOf(Date);
  });

  it("explains in plain words that an offer over the price cap stays hidden", async () => {
    // A $31 jacket offered on a $100 cart: +31%, over the shop's default 25% cap.
    const offer = crossSell({ discount: { kind: "NONE" }, triggerProducts: [], items: [{ productId: JACKET.id, handle: JACKET.handle, title: JACKET.title, variantIds: [JACKET.variants[0]?.id] }] });
    const r = await preview({ offer, cart: [{ productId: SNEAKERS.id, variantId: SNEAKERS.variants[0]?.id, quantity: 1 }] });
    const body = await r.json();
    expect(body.show).toBe(false);
    // The product by name, a whole percentage and the cap that would let it show.
    expect(body.reasons).toEqual([
      { code: "OVER_PRICE_CAP", message: "Adding Rain jacket would raise this cart by 31%, over your 25% cap.", fix: "Raise the offer's price cap to 35%, or offer a cheaper product." },
    ]);
  });

  it("rounds an increase up to a whole percentage, and names the main reason first", async () => {
    // A $31 jacket on a $48 cart (4 socks): +64.58%, shown as 65% (never a decimal, never rounded down).
    const offer = crossSell({ discount: { kind: "NONE" }, items: [{ productId: JACKET.id, handle: JACKET.handle, title: JACKET.title, variantIds: [JACKET.variants[0]?.id] }] });
    const socks4 = [{ productId: SOCKS.id, variantId: SOCKS.variants[0]?.id, quantity: 4 }];
    const anyCart = { ...offer, definition: { ...offer.definition, trigger: { ...offer.definition.trigger, products: [] } } };
    const over = await (await preview({ offer: anyCart, cart: socks4 })).json();
    expect(over.show).toBe(false);
    expect(over.reasons[0].message).toBe("Adding Rain jacket would raise this cart by 65%, over your 25% cap.");
    // Not triggered, at the wrong moment and over the cap: the trigger comes first, the cap last.
    const body = await (await preview({ offer, cart: socks4, moment: "PRE_CHECKOUT" })).json();
    expect(body.reasons.map((r: { code: string }) => r.code)).toEqual(["TRIGGER_NOT_IN_CART", "WRONG_MOMENT", "OVER_PRICE_CAP"]);
    for (const r of body.reasons) expect(r.fix.length).toBeGreaterThan(10);
  });

  it("explains that nothing in the cart triggers the offer", async () => {
    const body = await (await preview({ offer: crossSell(), cart })).json();
    expect(body.reasons[0]).toMatchObject({ code: "TRIGGER_NOT_IN_CART", message: "Nothing in this cart triggers it." });
  });

  it("previews an offer triggered only by a collection, or only by a tag, as the storefront would decide it", async () => {
    api.collections.set("gid://shopify/Collection/505", { title: "Shoes", productIds: [SNEAKERS.id] });
    api.products.set(SNEAKERS.id, { ...SNEAKERS, tags: ["Running"] });
    const byCollection = crossSell({ triggerProducts: [] });
    byCollection.definition.trigger.collections = [{ id: "gid://shopify/Collection/505", title: "Shoes" }] as never[];
    const sneakers = [{ productId: SNEAKERS.id, variantId: SNEAKERS.variants[0]?.id, quantity: 1 }];
    const shown = await (await preview({ offer: byCollection, cart: sneakers })).json();
    expect(shown).toMatchObject({ ok: true, show: true, reasons: [] });
    // The popup script in the frame decides from the same map the storefront gets, cut down to the sample cart.
    expect(shown.srcdoc).toContain('"k":{"505":[1001]}');
    const jacket = [{ productId: JACKET.id, variantId: JACKET.variants[0]?.id, quantity: 1 }];
    expect((await (await preview({ offer: byCollection, cart: jacket })).json()).reasons[0].message).toBe("Nothing in this cart triggers it.");
    const byTag = crossSell({ triggerProducts: [] });
    byTag.definition.trigger.tags = ["running"] as never[];
    expect(await (await preview({ offer: byTag, cart: sneakers })).json()).toMatchObject({ show: true });
  });

  it("after payment, presents Shopify's post-purchase page as the page's server would, in the preview's language", async () => {
    const sneakers = [{ productId: SNEAKERS.id, variantId: SNEAKERS.variants[0]?.id, quantity: 1 }];
    const offer = { ...crossSell(), moments: ["CART", "POST_PURCHASE"] };
    offer.definition.content = { ...offer.definition.content, ar: { headline: "أكمل إطلالتك", body: "جوارب صوف ناعمة.", accept: "أضف", decline: "لا، شكراً" } } as never;
    const page = await (await preview({ offer, cart: sneakers, moment: "POST_PURCHASE" })).json();
    expect(page).toMatchObject({ ok: true, show: true, moment: "POST_PURCHASE" });
    // €12 socks at 10% off on a paid €100 order (the fake shop is in euros): two fit under the shop's 25% cap (€21.60), a third (€32.40) does not.
    expect(page.oneClick).toMatchObject({
      locale: "en",
      dir: "ltr",
      offer: {
        currency: "EUR",
        discountPercent: 10,
        content: { headline: "Complete the look" },
        items: [{ productId: "1002", title: "Merino socks", variants: [{ id: "2002", price: 1200, discountedPrice: 1080, maxQuantity: 2 }] }],
      },
    });
    // Urgency only when the offer really ends and the merchant chose to say so.
    expect(page.oneClick.offer.endsAt).toBeNull();
    const ending = { ...offer, definition: { ...offer.definition, endsAtLocal: "2030-12-24T23:59", urgency: { lowStockBelow: null, showEndDate: true } } };
    expect((await (await preview({ offer: ending, cart: sneakers, moment: "POST_PURCHASE" })).json()).oneClick.offer.endsAt).toBe(Date.parse("2030-12-24T23:00:00Z")); // Berlin 23:59, its last minute included
    const arabic = await (await preview({ offer, cart: sneakers, moment: "POST_PURCHASE", locale: "ar" })).json();
    expect(arabic.oneClick).toMatchObject({ locale: "ar", dir: "rtl", offer: { content: { headline: "أكمل إطلالتك" } } });
    // The popup's moments have no page; nor does a paid order without the trigger.
    expect((await (await preview({ offer, cart: sneakers, moment: "CART" })).json()).oneClick).toBeNull();
    expect((await (await preview({ offer, cart, moment: "POST_PURCHASE" })).json()).oneClick).toBeNull();
  });

  it("answers 400 with the offer's field errors instead of previewing an invalid offer", async () => {
    const r = await preview({ offer: { ...crossSell(), moments: [] }, cart });
    expect(r.status).toBe(400);
    expect((await r.json()).errors).toMatchObject({ moments: "Choose at least one moment" });
  });
});
