import type { ShopSettings } from "@tactful/engine/types";
import { offerReach, reachProductIds, type Reach } from "./offer-reach";
import type { OfferRecord } from "./offer.schema";
import { AdminApiError, type AdminGraphql } from "../shopify/admin-api.server";
import { fetchPreviewProducts, type PreviewProduct } from "../shopify/preview-products.server";
import { fetchShopMoney } from "../shopify/shop-currency.server";

/** Shopify's nodes() takes this many ids per call in fetchPreviewProducts. */
const IDS_PER_CALL = 50;

/**
 * The reach of each offer (decision record 0075), with live prices from the
 * Admin API: one call for the shop's currency and one per 50 products, each
 * tried once (a list page does not wait out retries). When Shopify does not
 * answer, every offer is UNKNOWN and the page claims nothing.
 */
export async function reachOfOffers(admin: AdminGraphql, offers: readonly OfferRecord[], settings: ShopSettings, now = Date.now()): Promise<Record<string, Reach>> {
  const out: Record<string, Reach> = {};
  if (!offers.length) return out;
  try {
    const ids = reachProductIds(offers);
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_CALL) chunks.push(ids.slice(i, i + IDS_PER_CALL));
    const [money, ...pages] = await Promise.all([fetchShopMoney(admin, 1), ...chunks.map((c) => fetchPreviewProducts(admin, c, 1))]);
    const products: PreviewProduct[] = pages.flat();
    for (const o of offers) out[o.id] = offerReach(o, settings, products, money.currency, now);
  } catch (error) {
    if (!(error instanceof AdminApiError)) throw error;
    for (const o of offers) out[o.id] = { kind: "UNKNOWN", why: `Could not read prices from Shopify: ${error.message}` };
  }
  return out;
}
