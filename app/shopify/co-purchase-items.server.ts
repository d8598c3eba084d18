import { numericId } from "@tactful/engine/shopify-id";
import type { OfferedItem } from "@tactful/engine/types";
import type { CoPurchaseProvider } from "../offers/co-purchase-provider.server";
import { autoTriggerProducts, CO_PURCHASE_PER_TRIGGER, isAutomatic } from "../offers/offer-compiler";
import type { OfferRecord } from "../offers/offer.schema";
import type { AdminGraphql } from "./admin-api.server";
import { fetchPreviewProducts } from "./preview-products.server";

/** Asked of the provider per trigger: room for what the cart, exclusions and the cap rule out. */
const ASKED_PER_TRIGGER = CO_PURCHASE_PER_TRIGGER + 3;

/**
 * The co-purchase lists of the active automatic offers that use the source
 * (decision record 0085): the provider is asked for each offer's trigger
 * products, then each recommended product's handle and variants come from
 * the Admin API (the storefront adds it by variant and prices it from its
 * product JSON). A product gone from Shopify or without an available variant
 * is left out. Trigger product id (numeric) -> items, best first.
 */
export async function coPurchaseItems(
  shop: string,
  admin: AdminGraphql,
  offers: OfferRecord[],
  collections: Record<string, string[]>,
  provider: CoPurchaseProvider,
): Promise<Record<string, OfferedItem[]>> {
  const triggers = [
    ...new Set(
      offers
        .filter((o) => o.status === "ACTIVE" && isAutomatic(o) && o.definition.recommendation.sources.includes("co_purchase"))
        .flatMap((o) => autoTriggerProducts(o, collections)),
    ),
  ];
  if (!triggers.length) return {};
  const found = await provider(
    shop,
    triggers.map((t) => `gid://shopify/Product/${t}`),
    ASKED_PER_TRIGGER,
  );
  const recommended = new Set<string>();
  for (const recs of found.values()) for (const r of recs) recommended.add(numericId(r.productId));
  const items = new Map<string, OfferedItem>();
  const ids = [...recommended];
  // The Admin API's nodes(ids:) takes 50 at a time.
  for (let i = 0; i < ids.length; i += 50)
    for (const p of await fetchPreviewProducts(admin, ids.slice(i, i + 50))) {
      const variantIds = p.variants.nodes.filter((v) => v.availableForSale).map((v) => numericId(v.id));
      if (p.handle && variantIds.length) items.set(numericId(p.id), { productId: numericId(p.id), handle: p.handle, variantIds });
    }
  const out: Record<string, OfferedItem[]> = {};
  for (const [trigger, recs] of found) {
    const list = recs.flatMap((r) => items.get(numericId(r.productId)) ?? []);
    if (list.length) out[numericId(trigger)] = list;
  }
  return out;
}
