import { afterAll, beforeEach, describe, expect, it } from "vitest";
// First: MSW must patch fetch before the Shopify library captures it.
import { adminServer, FakeAdminApi, INSTALLATION_ID, jsonPost, useFakeAdmin } from "./fake-admin-api";
import db from "../../app/platform/db.server";
import { decide, minorRateMicros, parseStorefrontConfig, type StorefrontConfig } from "@tactful/engine";
import { action as editorAction, loader as editorLoader } from "../../app/routes/app.offers.$id";
import { action as previewAction } from "../../app/routes/app.preview";
import { newOfferState, toOfferPayload, type OfferFormState } from "../../app/components/offer-form";
import { offerDefinitionSchema } from "../../app/offers/offer.schema";
import { embedEngine, renderEmbed } from "../../demo/storefront/embed";
import { moneyFormatter } from "../../extensions/tactful-embed/src/format";
import type { AjaxCart, EmbedContext } from "../../extensions/tactful-embed/src/types";
import { cartLinesDiscountsGenerateRun } from "../../extensions/tactful-discount/src/cart_lines_discounts_generate_run";
import { input } from "../../extensions/tactful-discount/src/test-input";
import { CurrencyCode } from "../../extensions/tactful-discount/generated/api";
import { installShop, TEST_SHOP } from "../helpers/shopify-requests";
import { withCleanDatabase } from "../helpers/db";
import { SNEAKERS, SOCKS } from "./fixtures";

/*
 * Money in the shop's own currency, end to end (issue 13 item 4, decision
 * 0053): what a merchant types in the editor of a yen shop (0 digits) and a
 * dinar shop (3 digits) is what is stored, what the storefront popup shows
 * (embed Liquid -> storefront cart conversion -> engine -> popup formatter)
 * and what the discount Function gives, cart-value thresholds included.
 */

withCleanDatabase();

let api = new FakeAdminApi();
beforeEach(async () => {
  api = new FakeAdminApi();
  useFakeAdmin(api);
  await installShop();
});
afterAll(() => adminServer.close());

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
const status = (r: unknown) => (r instanceof Response ? r.status : 0);

/** The editor's form as a merchant fills it: socks offered with sneakers, money typed as text. */
function typed(money: { amountOff: string; cartAtLeast: string }): OfferFormState {
  const s = newOfferState({ locale: "en", texts: { en: { headline: "Complete the look", body: "", accept: "Add socks", decline: "No thanks" } }, timezone: "UTC" });
  return {
    ...s,
    name: "Socks",
    status: "ACTIVE",
    type: "CROSS_SELL",
    moments: ["CART"],
    items: [{ productId: SOCKS.id, handle: SOCKS.handle, title: SOCKS.title, variantIds: [SOCKS.variants[0]?.id ?? ""], variantTitles: [""] }],
    trigger: { ...s.trigger, products: [{ id: SNEAKERS.id, title: SNEAKERS.title, handle: SNEAKERS.handle }], subtotalMin: money.cartAtLeast },
    discount: { kind: "FIXED", percent: "", amount: money.amountOff },
  };
}

async function saveAsEditor(state: OfferFormState, currency: string) {
  return editorAction(args(await jsonPost("/app/offers/new", { intent: "save", offer: toOfferPayload(state, null, currency) }), { id: "new" }));
}

/** The storefront as Shopify serves it: the embed rendered for this shop currency, its JSON read as tactful.js reads it. */
async function storefront(shopCurrency: string) {
  const metafields: Record<string, unknown> = {};
  for (const key of ["config", "content_en"]) metafields[key] = JSON.parse(api.metafield(INSTALLATION_ID, "tactful", key) ?? "null");
  const html = await renderEmbed(embedEngine((n) => `/cdn/${n}`), {
    metafields,
    locale: "en",
    root: "/",
    pageType: "cart",
    currency: shopCurrency,
    shopCurrency,
    country: "US",
    market: "us",
    moneyFormat: "{{amount}}",
    allProducts: {},
  });
  const json = (id: string) => JSON.parse(new RegExp(`id="${id}">([\\s\\S]*?)</script>`).exec(html)?.[1] ?? "null") as unknown;
  const config = parseStorefrontConfig(json("tactful-config"), json("tactful-content")) as StorefrontConfig;
  const ctx = json("tactful-context") as EmbedContext;
  return { config, ctx };
}

/**
 * The storefront's own Ajax-cart conversion. Its module binds fetch to
 * `window` at load, so `window` exists only while it loads: a lasting one
 * would make Shopify's Admin client think it runs in a browser.
 */
async function storefrontToCart() {
  const g = globalThis as { window?: unknown };
  g.window = globalThis;
  try {
    return (await import("../../extensions/tactful-embed/src/ajax")).toCart;
  } finally {
    delete g.window;
  }
}

/**
 * What the popup decides and shows for a cart of sneakers at `sneakersAjax`
 * (the Ajax API's hundredths, for every currency) with socks at `socksAjax`.
 */
async function popupFor(shopCurrency: string, sneakersAjax: number, socksAjax: number) {
  const { config, ctx } = await storefront(shopCurrency);
  // As extensions/tactful-embed/src/popup-module.ts builds it (Shopify.currency.rate "1.0").
  const rateMicros = minorRateMicros(1_000_000, 2, ctx.shopDigits ?? 2);
  const ajax: AjaxCart = {
    currency: shopCurrency,
    item_count: 1,
    items: [{ key: "k1", id: 2001, product_id: 1001, variant_id: 2001, quantity: 1, price: sneakersAjax, handle: SNEAKERS.handle }],
  };
  const toCart = await storefrontToCart();
  const cart = { ...toCart(ajax, rateMicros), variants: { "2002": { unitPrice: socksAjax, available: true } } };
  const d = decide(config, cart, { moment: "CART", loggedIn: false, customerTags: [], locale: "en", visitorId: "v1" }, { shownThisSession: 0, dismissedAt: {}, accepted: [], shownOfferIds: [] }, Date.now());
  const money = moneyFormatter("en", shopCurrency);
  return { d, shown: d.show ? d.items.map((i) => `${money(i.unitPrice ?? NaN)} → ${money(i.discountedPrice ?? NaN)}`) : [], shopDigits: ctx.shopDigits };
}

/** The Function on the checkout cart: the accepted socks line at `socks`, sneakers at `sneakers` (Shopify's Decimal strings). */
function functionFor(currency: CurrencyCode, sneakers: string, socks: string, offerId: string) {
  const discountId = [...api.discounts.keys()][0] ?? "";
  const jsonValue = JSON.parse(api.metafield(discountId, "$app:tactful", "function_config") ?? "null") as unknown;
  const result = cartLinesDiscountsGenerateRun(
    input(null, [{ variant: "2001", product: "1001", price: sneakers }, { variant: "2002", product: "1002", price: socks, offer: offerId }], { currency, jsonValue, date: new Date().toISOString().slice(0, 10) }),
  );
  return JSON.stringify(result).match(/"fixedAmount":\{"amount":"([^"]+)"/)?.[1] ?? null;
}

describe("a yen shop (JPY, no decimals)", () => {
  beforeEach(() => {
    api.shopCurrency = "JPY";
    api.moneyFormat = "¥{{amount_no_decimals}}";
  });

  it("¥500 off with a ¥3,000 minimum: stored as 500 and 3000, ¥700 socks shown at ¥200 and discounted ¥500 at checkout, threshold at ¥3,000 exactly", async () => {
    expect(status(await saveAsEditor(typed({ amountOff: "500", cartAtLeast: "3000" }), "JPY"))).toBe(302);
    const row = await db.offer.findFirstOrThrow({ where: { shop: TEST_SHOP } });
    const def = offerDefinitionSchema.parse(row.definition);
    expect(def.discount).toEqual({ kind: "FIXED", amount: 500 });
    expect(def.trigger.subtotalMin).toBe(3000);

    // The storefront: Liquid prints 0 digits for JPY; the Ajax cart counts yen in hundredths.
    const at3000 = await popupFor("JPY", 300_000, 70_000);
    expect(at3000.shopDigits).toBe(0);
    expect(at3000.shown).toEqual(["¥700 → ¥200"]);
    const at2999 = await popupFor("JPY", 299_900, 70_000);
    expect(at2999.d.show).toBe(false);
    expect(at2999.d.show ? [] : at2999.d.reasons[0]?.codes).toContain("SUBTOTAL_OUT_OF_RANGE");

    // The Function: ¥500 off the ¥700 socks, not the whole item.
    expect(functionFor(CurrencyCode.Jpy, "3000.0", "700.0", row.id)).toBe("500");
    // Checkout holds the same threshold: the shopper's own ¥2,999 (the offered line is not counted) gets nothing.
    expect(functionFor(CurrencyCode.Jpy, "2999.0", "700.0", row.id)).toBeNull();
  });

  it("refuses decimals in yen with a 400 on the field, and saves nothing", async () => {
    const response = await saveAsEditor(typed({ amountOff: "500.5", cartAtLeast: "2999.99" }), "JPY");
    expect(status(response)).toBe(400);
    const body = (await (response as Response).json()) as { errors: Record<string, string> };
    expect(body.errors).toMatchObject({ "definition.discount.amount": "JPY has no decimals", "definition.trigger.subtotalMin": "JPY has no decimals" });
    expect(await db.offer.count()).toBe(0);
  });

  it("the editor shows the stored amounts back in yen, without decimals", async () => {
    expect(status(await saveAsEditor(typed({ amountOff: "500", cartAtLeast: "3000" }), "JPY"))).toBe(302);
    const row = await db.offer.findFirstOrThrow({ where: { shop: TEST_SHOP } });
    const data = (await editorLoader(args(await jsonPost(`/app/offers/${row.id}`, {}).then((r) => new Request(r.url, { headers: r.headers })), { id: row.id }))) as {
      state: OfferFormState;
      shopDefaults: { money: { currency: string } };
    };
    expect(data.shopDefaults.money.currency).toBe("JPY");
    expect(data.state.discount.amount).toBe("500");
    expect(data.state.trigger.subtotalMin).toBe("3000");
  });
});

describe("a dinar shop (KWD, three decimals)", () => {
  beforeEach(() => {
    api.shopCurrency = "KWD";
    api.moneyFormat = "{{amount}} KD";
  });

  it("KD 0.500 off with a KD 1.250 minimum: stored as 500 and 1250, shown and discounted as KD 0.500, threshold at KD 1.250 exactly", async () => {
    expect(status(await saveAsEditor(typed({ amountOff: "0.500", cartAtLeast: "1.250" }), "KWD"))).toBe(302);
    const row = await db.offer.findFirstOrThrow({ where: { shop: TEST_SHOP } });
    const def = offerDefinitionSchema.parse(row.definition);
    expect(def.discount).toEqual({ kind: "FIXED", amount: 500 });
    expect(def.trigger.subtotalMin).toBe(1250);

    // Ajax hundredths: KD 1.25 is 125, KD 1.24 is 124; socks KD 0.60.
    const at = await popupFor("KWD", 125, 60);
    expect(at.shopDigits).toBe(3);
    expect(at.shown).toEqual(["KWD\u00a00.600 → KWD\u00a00.100"]);
    const below = await popupFor("KWD", 124, 60);
    expect(below.d.show ? [] : below.d.reasons[0]?.codes).toContain("SUBTOTAL_OUT_OF_RANGE");

    expect(functionFor(CurrencyCode.Kwd, "1.250", "0.600", row.id)).toBe("0.500");
    expect(functionFor(CurrencyCode.Kwd, "1.249", "0.600", row.id)).toBeNull();
  });

  it("refuses a fourth decimal with a 400 on the field", async () => {
    const response = await saveAsEditor(typed({ amountOff: "0.5001", cartAtLeast: "1.250" }), "KWD");
    expect(status(response)).toBe(400);
    const body = (await (response as Response).json()) as { errors: Record<string, string> };
    expect(body.errors).toEqual({ "definition.discount.amount": "KWD has at most 3 decimals" });
  });
});

describe("the admin preview", () => {
  const previewOf = async (discount: unknown) => {
    api.products.set(SNEAKERS.id, SNEAKERS);
    api.products.set(SOCKS.id, SOCKS);
    const offer = toOfferPayload(typed({ amountOff: "", cartAtLeast: "" }), null, api.shopCurrency);
    const body = { offer: { ...offer, definition: { ...offer.definition, discount } }, cart: [{ productId: SNEAKERS.id, variantId: SNEAKERS.variants[0]?.id, quantity: 1 }], moment: "CART" };
    const response = (await previewAction(args(await jsonPost("/app/preview", body)))) as Response;
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { show: boolean; srcdoc: string };
    const ctx = JSON.parse(/id="tactful-context">([\s\S]*?)<\/script>/.exec(answer.srcdoc)?.[1] ?? "null") as EmbedContext;
    const cart = (ctx.preview?.cart ?? null) as AjaxCart | null;
    return { answer, ctx, cart };
  };

  it("in a euro shop the popup runs in euros with the shop's money format", async () => {
    const { answer, ctx, cart } = await previewOf({ kind: "PERCENT", bps: 1500 });
    expect(answer.show).toBe(true);
    expect(ctx).toMatchObject({ currency: "EUR", shopDigits: 2, moneyFormat: "€{{amount_with_comma_separator}}" });
    expect(cart?.currency).toBe("EUR");
    expect(answer.srcdoc).not.toContain("USD");
  });

  it("in a yen shop a ¥500 discount is ¥500 (shop digits 0, Ajax hundredths), not a free item", async () => {
    api.shopCurrency = "JPY";
    api.moneyFormat = "¥{{amount_no_decimals}}";
    SOCKS.variants[0] = { ...SOCKS.variants[0], id: SOCKS.variants[0]?.id ?? "", title: "Default Title", price: "1000" };
    SNEAKERS.variants[0] = { ...SNEAKERS.variants[0], id: SNEAKERS.variants[0]?.id ?? "", title: "42", price: "9000" };
    try {
      const { answer, ctx, cart } = await previewOf({ kind: "FIXED", amount: "500" });
      expect(answer.show).toBe(true);
      expect(ctx).toMatchObject({ currency: "JPY", shopDigits: 0, moneyFormat: "¥{{amount_no_decimals}}" });
      expect(cart?.items[0]?.price).toBe(900_000);
      const socks = (ctx.preview?.products ?? {})[SOCKS.handle];
      expect(socks?.variants[0]?.price).toBe(100_000);
    } finally {
      SOCKS.variants[0] = { id: "gid://shopify/ProductVariant/2002", title: "Default Title", price: "12.00" };
      SNEAKERS.variants[0] = { id: "gid://shopify/ProductVariant/2001", title: "42", price: "100.00" };
    }
  });
});
