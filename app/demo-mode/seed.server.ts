import { Session } from "@shopify/shopify-api";
import { seedCatalog } from "./catalog";
import db from "../platform/db.server";
import { offerInputSchema, type OfferInput } from "../offers/offer.schema";
import { createOffer } from "../offers/offers.server";
import { getShopSettings } from "../offers/settings.server";
import { syncShop, type SyncResult } from "../shopify/sync.server";
import { sessionStorage, unauthenticated } from "../shopify.server";
import { assertDemoAllowed, DEMO_SHOP } from "./demo-mode.server";
import { demoOrders, DEMO_ORDERS_SEEDED } from "./demo-orders";
import { recordOrderBatch } from "../recommendations/recommendations.server";

/*
 * Seeds the demo shop through the app's own code paths: the offline session
 * an installation would store, four offers saved with createOffer (so they
 * pass the same schema and size checks as the editor's), then the real sync
 * against the demo Admin API (which forwards the metafields to the
 * simulated storefront). Past orders are counted for co-purchase
 * recommendations through the same ledger as orders/create (demo-orders.ts).
 */

export function demoSession(): Session {
  return new Session({ id: `offline_${DEMO_SHOP}`, shop: DEMO_SHOP, state: "demo", isOnline: false, accessToken: "demo-offline-token", scope: process.env.SCOPES });
}

const catalog = seedCatalog();
const gid = (kind: string, id: number) => `gid://shopify/${kind}/${id}`;
function find(handle: string) {
  const p = catalog.find((x) => x.handle === handle);
  if (!p) throw new Error(`The demo catalog has no product ${handle}`);
  return p;
}
const product = (handle: string) => ({ id: gid("Product", find(handle).id), title: find(handle).title, handle });
const offered = (handle: string) => ({ productId: gid("Product", find(handle).id), handle, title: find(handle).title, variantIds: find(handle).variants.map((v) => gid("ProductVariant", v.id)) });
const copy = (headline: string, body: string, accept: string, decline = "No thanks") => ({ headline, body, accept, decline });

/** The five sample offers, on the simulated storefront's catalog. */
export function demoOffers(): OfferInput[] {
  const raw = [
    {
      name: "Socks with trail runners",
      status: "ACTIVE",
      type: "CROSS_SELL",
      moments: ["ADD_TO_CART"],
      definition: {
        trigger: { products: [product("trail-runner"), product("trail-runner-pro")] },
        items: [offered("merino-socks")],
        discount: { kind: "PERCENT", bps: 1000 },
        delayMs: 600,
        content: {
          en: copy("Complete your run", "Merino socks that keep blisters away, 10% off with your shoes.", "Add socks"),
          fr: copy("Complétez votre course", "Des chaussettes en mérinos, -10 % avec vos chaussures.", "Ajouter", "Non merci"),
          ar: copy("أكمل جريك", "جوارب صوف مرينو تمنع البثور، خصم 10٪ مع حذائك.", "أضف", "لا شكرًا"),
        },
      },
    },
    {
      name: "Phone X → Pro on the cart",
      status: "ACTIVE",
      type: "UPSELL",
      moments: ["CART"],
      definition: {
        upgrades: [{ from: { productId: product("phone-x").id, variantId: null, title: find("phone-x").title }, to: offered("phone-x-pro") }],
        delayMs: 300,
        content: { en: copy("Double the storage, better camera", "Swap to the Pro: 256 GB and a telephoto lens.", "Upgrade") },
      },
    },
    {
      name: "Fresh beans before checkout",
      status: "ACTIVE",
      type: "CROSS_SELL",
      moments: ["PRE_CHECKOUT"],
      definition: {
        trigger: { products: [product("coffee-grinder")] },
        items: [offered("coffee-beans")],
        content: { en: copy("Fresh beans for your grinder?", "Single-origin, roasted this week.", "Add beans") },
      },
    },
    {
      name: "Headlamp with batteries (over the price cap)",
      status: "ACTIVE",
      type: "CROSS_SELL",
      moments: ["ADD_TO_CART"],
      definition: {
        trigger: { products: [product("aa-batteries")] },
        items: [offered("headlamp")],
        content: { en: copy("Light the trail", "A headlamp to go with your batteries.", "Add headlamp") },
      },
    },
    {
      // Automatic (decision record 0085): the products are what Shopify's complementary products (the
      // simulated shop's Search & Discovery pairs) and the shop's own orders recommend, under the cap.
      name: "Pairs well with your new phone or mat (recommended)",
      status: "ACTIVE",
      type: "CROSS_SELL",
      moments: ["ADD_TO_CART"],
      definition: {
        trigger: { products: [product("phone-x-pro"), product("yoga-mat-premium")] },
        productsFrom: "RECOMMENDED",
        recommendation: { sources: ["shopify_complementary", "co_purchase"], excludeTags: ["limited"] },
        discount: { kind: "PERCENT", bps: 1000 },
        delayMs: 400,
        content: {
          en: copy("Pairs well with it", "Picked for what you just added, 10% off together.", "Add"),
          ar: copy("يناسبه تمامًا", "اخترناها لما أضفته للتو، خصم 10٪ معًا.", "أضف", "لا شكرًا"),
        },
      },
    },
  ];
  return raw.map((o) => offerInputSchema.parse(o));
}

export async function seedDemoShop(): Promise<{ offers: number; sync: SyncResult }> {
  assertDemoAllowed();
  await sessionStorage.storeSession(demoSession());
  const { settings } = await getShopSettings(DEMO_SHOP);
  if ((await db.offer.count({ where: { shop: DEMO_SHOP } })) === 0) for (const o of demoOffers()) await createOffer(DEMO_SHOP, o, settings);
  if (!(await db.recommendationShop.findUnique({ where: { shop: DEMO_SHOP } }))) {
    const past = demoOrders(Date.now()).slice(0, DEMO_ORDERS_SEEDED);
    await recordOrderBatch(db, DEMO_SHOP, past.map((o) => ({ orderId: o.id, orderedAt: o.createdAt, productIds: o.productIds.map((id) => `gid://shopify/Product/${id}`) })));
  }
  const { admin } = await unauthenticated.admin(DEMO_SHOP);
  const sync = await syncShop(DEMO_SHOP, admin);
  return { offers: await db.offer.count({ where: { shop: DEMO_SHOP } }), sync };
}
