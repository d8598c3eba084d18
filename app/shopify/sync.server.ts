import { z } from "zod";
import { APP_INSTALLATION_QUERY } from "../graphql/operations";
import { CheckoutTextTooLargeError, checkoutMetafields } from "../offers/checkout-metafields";
import { ConfigTooLargeError, compileFunctionConfig, compileStorefrontConfig, functionMetafield, storefrontMetafields, triggerCollections } from "../offers/offer-compiler";
import { coPurchaseProvider, type CoPurchaseProvider } from "../offers/co-purchase-provider.server";
import { activeOfferRecords } from "../offers/offers.server";
import { getShopSettings, recordSync } from "../offers/settings.server";
import { AdminApiError, request, type AdminGraphql } from "./admin-api.server";
import { coPurchaseItems } from "./co-purchase-items.server";
import { fetchCollectionMembership, type CollectionMembership } from "./collection-membership.server";
import { ensureDiscount } from "./discount.server";
import { CHECKOUT_NAMESPACE, FUNCTION_NAMESPACE, METAFIELD_NAMESPACE, metafieldBatches, setMetafields, type MetafieldsSetInput } from "./metafields.server";
import { shopLocales } from "./shop-locales.server";

/*
 * Publishing a shop's offers to Shopify. Sync writes everything with upserts
 * (metafieldsSet, create-if-missing for the discount) and never deletes
 * first, so a failed sync leaves the last good config live on the storefront
 * and in the discount Function (decision 0041).
 */

export type SyncResult = { ok: true; syncedAt: Date; metafields: number } | { ok: false; error: string };

const installationSchema = z.object({ currentAppInstallation: z.object({ id: z.string() }), shop: z.object({ id: z.string().min(1), currencyCode: z.string().min(3) }) });

/**
 * Compiles the shop's active offers and writes them to Shopify. Records the
 * outcome on ShopSettings (status, error, time) and never throws for a
 * Shopify failure: the merchant's save already succeeded, and the previous
 * config stays live until a sync succeeds.
 */
export async function syncShop(shop: string, admin: AdminGraphql, known: CollectionMembership = {}, coPurchase: CoPurchaseProvider = coPurchaseProvider): Promise<SyncResult> {
  const { settings, sync } = await getShopSettings(shop);
  try {
    const offers = await activeOfferRecords(shop);
    const wanted = triggerCollections(offers);
    const fetched = await fetchCollectionMembership(admin, wanted.filter((c) => !known[c]));
    const collections = { ...known, ...fetched };
    // Automatic offers' co-purchase lists, asked for their trigger products (decision record 0085).
    const pairs = await coPurchaseItems(shop, admin, offers, collections, coPurchase);
    const storefront = compileStorefrontConfig(offers, settings, { collections, coPurchase: pairs });
    const functionConfig = compileFunctionConfig(offers, settings);

    const { currentAppInstallation, shop: shopInfo } = await request(admin, APP_INSTALLATION_QUERY, installationSchema);
    const all = storefrontMetafields(storefront);
    const authored = [...new Set(storefront.offers.flatMap((o) => [...Object.keys(o.content ?? {}), ...o.abVariants.flatMap((v) => Object.keys(v.content ?? {}))]))];
    const locales = await shopLocales(admin, { primary: settings.defaultLocale, published: authored });
    const mainValue = all.find((m) => m.key === "config")?.value ?? "";
    // Measured before anything is written: a layout that does not fit changes nothing in Shopify.
    const checkout = checkoutMetafields(storefront, mainValue, locales);
    const fn = functionMetafield(functionConfig, shopInfo.currencyCode);
    const discount = await ensureDiscount(admin, sync.discountId, fn);
    if (discount.created) await recordSync(shop, { status: "PENDING", discountId: discount.id, error: sync.error });

    const own = (key: string, value: string): MetafieldsSetInput => ({ ownerId: currentAppInstallation.id, namespace: METAFIELD_NAMESPACE, key, type: "json", value });
    // Checkout cannot read the AppInstallation's metafields; its copy lives on the Shop (decision record 0052).
    const onShop = (key: string, value: string): MetafieldsSetInput => ({ ownerId: shopInfo.id, namespace: CHECKOUT_NAMESPACE, key, type: "json", value });
    const content = all.filter((m) => m.key !== "config").map((m) => own(m.key, m.value));
    const main = all.filter((m) => m.key === "config").map((m) => own(m.key, m.value));
    // The checkout text groups travel whole in one (atomic) call: a locale is never in two groups at once.
    const checkoutContent = checkout.filter((m) => m.key !== "config").map((m) => onShop(m.key, m.value));
    const checkoutMain = checkout.filter((m) => m.key === "config").map((m) => onShop(m.key, m.value));
    // Content first and the main config last: a storefront never reads a config whose copy isn't there yet.
    const last: MetafieldsSetInput[] = [...main, ...checkoutMain];
    if (!discount.created) last.push({ ownerId: discount.id, namespace: FUNCTION_NAMESPACE, key: fn.key, type: "json", value: fn.value });
    const written = await setMetafields(admin, metafieldBatches(content, [checkoutContent, last]));
    const syncedAt = new Date();
    await recordSync(shop, { status: "OK", syncedAt, discountId: discount.id });
    return { ok: true, syncedAt, metafields: written };
  } catch (error) {
    const message =
      error instanceof ConfigTooLargeError || error instanceof CheckoutTextTooLargeError || error instanceof AdminApiError ? error.message : `Sync failed: ${error instanceof Error ? error.message : String(error)}`;
    await recordSync(shop, { status: "FAILED", error: message });
    return { ok: false, error: message };
  }
}
