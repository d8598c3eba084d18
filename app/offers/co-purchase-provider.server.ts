/*
 * The co-purchase source of automatic cross-sells (decision record 0085) as
 * the sync sees it: a provider answering, per trigger product, the products
 * bought with it, best first. The mining, its storage and the pin/block
 * overrides live behind it (app/recommendations); the sync only asks.
 */

/** One recommendation as the mining answers it (the shape of app/recommendations' coPurchaseRecommendations). */
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

/**
 * THE PLACE TO WIRE THE MINING IN: until app/recommendations'
 * coPurchaseRecommendations is passed here, the sync has no co-purchase
 * pairs, so the co-purchase source of every automatic offer yields nothing
 * (its other sources still work). Named for what it does.
 */
export const noCoPurchasePairsYet: CoPurchaseProvider = async () => new Map();

/**
 * The provider the sync and the editor's preview use. THE ONE LINE TO CHANGE
 * when the mining lands: `coPurchaseRecommendations` from
 * app/recommendations/recommendations.server.ts.
 */
export const coPurchaseProvider: CoPurchaseProvider = noCoPurchasePairsYet;
