/*
 * The co-purchase source of automatic cross-sells (decision record 0085) as
 * the sync sees it: a provider answering, per trigger product, the products
 * bought with it, best first. The mining, its storage and the merchant's
 * pins and blocks live behind it (app/recommendations, decisions 0083 and
 * 0084); the sync only asks. A type, so tests can pass a fixture provider.
 */
import { coPurchaseRecommendations } from "../recommendations/recommendations.server";

/** What the sync reads of one recommendation (the mining answers more: partner and shop order counts). */
export interface CoPurchaseRecommendation {
  /** gid://shopify/Product/N */
  productId: string;
  together: number;
  triggerOrders: number;
  lift: number;
  score: number;
  pinned: boolean;
}

/** Trigger product ids (GIDs) -> their recommendations, best first, at most `limit` each. */
export type CoPurchaseProvider = (shop: string, triggerProductIds: readonly string[], limit?: number) => Promise<Map<string, CoPurchaseRecommendation[]>>;

/** The provider the sync and the editor's preview use: the shop's own mined orders. */
export const coPurchaseProvider: CoPurchaseProvider = (shop, triggerProductIds, limit) => coPurchaseRecommendations(shop, triggerProductIds, limit);
