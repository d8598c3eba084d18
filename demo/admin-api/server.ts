import { setupServer } from "msw/node";
import { adminEndpoint, FakeAdminApi, INSTALLATION_ID } from "./fake-admin-api";
import { demoCollectionFixtures, demoProductFixtures, EMBED_ENABLED_SETTINGS_DATA } from "./catalog";
import { demoOrders } from "../../app/demo-mode/demo-orders";
import { COMPLEMENTARY } from "../../app/demo-mode/catalog";

/*
 * Demo mode's Admin API: the same MSW fake the admin tests use, answering
 * for the demo shop from the seeded catalog, with the embed enabled in the
 * theme. Every metafield write is forwarded to the simulated storefront
 * (POST /__sim/metafields), so a save in the admin changes what the
 * storefront renders and which config the demo checkout's Function reads.
 *
 * It must listen BEFORE the app's modules load: @shopify/shopify-api
 * captures globalThis.fetch when its node adapter is imported.
 */

export interface DemoAdminApi {
  api: FakeAdminApi;
  close: () => void;
}

/** The metafields Shopify would serve the storefront (app installation) and the Function (discount node). */
export function storefrontMetafieldsOf(all: { ownerId: string; namespace: string; key: string; value: string }[]) {
  return all
    .filter((m) => (m.ownerId === INSTALLATION_ID && m.namespace === "tactful") || (m.ownerId.includes("/DiscountAutomaticNode/") && m.namespace === "$app:tactful"))
    .map(({ namespace, key, value }) => ({ namespace, key, value }));
}

export function startDemoAdminApi(opts: { shop: string; storefrontUrl: () => string | null }): DemoAdminApi {
  const api = new FakeAdminApi({
    endpoint: adminEndpoint(opts.shop),
    onMetafieldsChanged: async (all) => {
      const url = opts.storefrontUrl();
      if (!url) return;
      const res = await fetch(`${url}/__sim/metafields`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(storefrontMetafieldsOf(all)) });
      if (!res.ok) console.error(`demo: the storefront refused the metafields (${res.status})`);
    },
  });
  for (const p of demoProductFixtures()) api.products.set(p.id, p);
  api.collections = demoCollectionFixtures();
  // The Storefront API's productRecommendations answers the pairs the simulated storefront's recommendations/products.json answers.
  api.complementary = COMPLEMENTARY;
  api.settingsData = EMBED_ENABLED_SETTINGS_DATA;
  api.themeName = "Dawn (simulated)";
  // The shop's order history as a bulk export serves it (the recommendations page's Backfill).
  api.bulkOrders = demoOrders(Date.now()).map((o) => ({ id: o.id, createdAt: o.createdAt.toISOString(), productIds: o.productIds }));
  const server = setupServer(...api.handlers());
  // Anything else sent to Shopify fails loudly; local traffic (storefront, webhooks) passes through.
  server.listen({
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).hostname.endsWith("shopify.com")) print.error();
    },
  });
  return { api, close: () => server.close() };
}
