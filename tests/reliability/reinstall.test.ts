import { afterAll, beforeEach, describe, expect, it } from "vitest";
// First: MSW must patch fetch before the Shopify library captures it.
import { adminServer, bearerRequest, FakeAdminApi, jsonPost, useFakeAdmin } from "../admin/fake-admin-api";
import { http, HttpResponse } from "msw";
import { API_KEY, API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import db from "../../app/platform/db.server";
import { parseStorefrontConfig } from "@tactful/engine/wire";
import { loader as appLoader } from "../../app/routes/app";
import { action as editorAction } from "../../app/routes/app.offers.$id";
import * as uninstalled from "../../app/routes/webhooks.app.uninstalled";
import * as shopRedact from "../../app/routes/webhooks.shop.redact";
import { signedWebhook, TEST_SHOP, uninstalledPayload } from "../helpers/shopify-requests";
import { withCleanDatabase } from "../helpers/db";
import { crossSell } from "../admin/fixtures";

/*
 * Uninstall then reinstall, through the real embedded sign-in: the app's
 * loader gets a session token, the library exchanges it for an offline token
 * at Shopify's token endpoint (faked here with the documented answer), stores
 * the session and runs our afterAuth hook. What Shopify itself does on
 * uninstall (the installation's metafields and the app's discount go) is the
 * fake's `uninstall()`.
 */

withCleanDatabase();
afterAll(() => adminServer.close());

let api = new FakeAdminApi();
let exchanges: Array<Record<string, unknown>> = [];
let tokenCounter = 0;

const tokenEndpoint = http.post(`https://${TEST_SHOP}/admin/oauth/access_token`, async ({ request }) => {
  const body = (await request.json()) as Record<string, unknown>;
  exchanges.push(body);
  if (body.client_id !== API_KEY || body.client_secret !== API_SECRET_KEY) return HttpResponse.json({ error: "invalid_client" }, { status: 400 });
  tokenCounter += 1;
  // Expiring offline token, as Shopify answers a token exchange with expiring=1.
  return HttpResponse.json({
    access_token: `shpat_reinstall_${tokenCounter}`,
    scope: "read_products,write_discounts,read_orders,write_app_proxy,read_themes,read_locales",
    expires_in: 3600,
    refresh_token: `shprt_reinstall_${tokenCounter}`,
    refresh_token_expires_in: 7_776_000,
  });
});

beforeEach(() => {
  api = new FakeAdminApi();
  useFakeAdmin(api);
  adminServer.use(tokenEndpoint);
  exchanges = [];
  tokenCounter = 0;
});

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
/** The merchant opens the app in the Shopify admin. */
async function openApp() {
  const response = await appLoader(args(await bearerRequest("/app")));
  expect(response).toMatchObject({ apiKey: API_KEY });
}
async function createOffer(name: string) {
  const response = await editorAction(args(await jsonPost("/app/offers/new", { intent: "save", offer: crossSell({ name }) }), { id: "new" }));
  expect(response instanceof Response ? response.status : 0).toBe(302);
  return db.offer.findFirstOrThrow({ where: { shop: TEST_SHOP, name } });
}
const liveOfferIds = () => {
  const raw = api.metafield(api.installationId, "tactful", "config");
  return raw ? (parseStorefrontConfig(raw, api.metafield(api.installationId, "tactful", "content_en")) ?? { offers: [] }).offers.map((o) => o.id) : null;
};
const uninstall = async (firstInstallation: string) => {
  expect((await uninstalled.action(args(signedWebhook("app/uninstalled", uninstalledPayload())))).status).toBe(200);
  api.uninstall();
  expect(api.installationId).not.toBe(firstInstallation);
};

describe("uninstall then reinstall", () => {
  it("a first install creates nothing in Shopify until the merchant saves an offer", async () => {
    await openApp();
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]).toMatchObject({ grant_type: "urn:ietf:params:oauth:grant-type:token-exchange", expiring: "1" });
    expect(api.discounts.size).toBe(0);
    expect(api.count("TactfulMetafieldsSet")).toBe(0);
  });

  it("a reinstall republishes the kept offers to the new installation with exactly one discount", async () => {
    await openApp();
    const kept = await createOffer("Socks with runners");
    const firstInstallation = api.installationId;
    const oldDiscount = (await db.shopSettings.findUniqueOrThrow({ where: { shop: TEST_SHOP } })).discountId;
    expect(liveOfferIds()).toEqual([kept.id]);

    await uninstall(firstInstallation);
    expect(api.discounts.size).toBe(0);
    expect(liveOfferIds()).toBeNull();
    // While uninstalled, nothing claims to be live.
    expect(await db.shopSettings.findUniqueOrThrow({ where: { shop: TEST_SHOP } })).toMatchObject({ syncStatus: "NEVER" });

    await openApp();
    expect(exchanges).toHaveLength(2);
    const settings = await db.shopSettings.findUniqueOrThrow({ where: { shop: TEST_SHOP } });
    expect(settings.syncStatus).toBe("OK");
    expect([...api.discounts.keys()]).toEqual([settings.discountId]);
    expect(settings.discountId).not.toBe(oldDiscount);
    expect(liveOfferIds()).toEqual([kept.id]);
    // Nothing is written to the old installation or the deleted discount.
    expect(api.allMetafields().filter((m) => m.ownerId === firstInstallation || m.ownerId === oldDiscount)).toEqual([]);
    const session = await db.session.findUniqueOrThrow({ where: { id: `offline_${TEST_SHOP}` } });
    expect(session).toMatchObject({ accessToken: "shpat_reinstall_2", refreshToken: "shprt_reinstall_2" });
  });

  it("a discount Shopify kept through the uninstall is reused, not duplicated", async () => {
    await openApp();
    await createOffer("Socks with runners");
    const { discountId } = await db.shopSettings.findUniqueOrThrow({ where: { shop: TEST_SHOP } });
    const writes = api.count("TactfulMetafieldsSet");
    expect((await uninstalled.action(args(signedWebhook("app/uninstalled", uninstalledPayload())))).status).toBe(200);
    await openApp();
    expect(api.count("TactfulMetafieldsSet")).toBeGreaterThan(writes);
    expect(await db.shopSettings.findUniqueOrThrow({ where: { shop: TEST_SHOP } })).toMatchObject({ syncStatus: "OK", discountId });
    expect([...api.discounts.keys()]).toEqual([discountId]);
    expect(api.count("TactfulDiscountCreate")).toBe(1);
  });

  it("a reinstall after shop/redact starts clean: no offers, no config, no discount", async () => {
    await openApp();
    await createOffer("Socks with runners");
    await uninstall(api.installationId);
    expect((await shopRedact.action(args(signedWebhook("shop/redact", { shop_id: 1, shop_domain: TEST_SHOP })))).status).toBe(200);

    await openApp();
    expect(await db.offer.count({ where: { shop: TEST_SHOP } })).toBe(0);
    expect(api.discounts.size).toBe(0);
    expect(liveOfferIds()).toBeNull();
    expect(await db.shopSettings.findUnique({ where: { shop: TEST_SHOP } })).toBeNull();
  });

  it("an expired token swapped for a new one does not sync again when the config is current", async () => {
    await openApp();
    await createOffer("Socks with runners");
    const writes = api.count("TactfulMetafieldsSet");
    await db.session.update({ where: { id: `offline_${TEST_SHOP}` }, data: { expires: new Date(Date.now() - 60_000) } });
    await openApp();
    expect(exchanges).toHaveLength(2);
    expect(api.count("TactfulMetafieldsSet")).toBe(writes);
  });
});
