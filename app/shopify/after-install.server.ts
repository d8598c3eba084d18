import db from "../platform/db.server";
import { type AdminGraphql } from "./admin-api.server";
import { syncShop } from "./sync.server";

/**
 * Runs after every token exchange that stored a new offline session (the
 * afterAuth hook): an install, a reinstall, or an expired token replaced.
 *
 * - A new shop has no offers: nothing is created in Shopify, so no discount
 *   exists until the merchant saves an offer.
 * - A reinstall within the 48 h before shop/redact finds the kept offers and
 *   a sync state that app/uninstalled reset: their config is compiled afresh
 *   and published to the new installation, and the discount is created anew
 *   (Shopify deleted the old one with the app) or reused if it still exists,
 *   so there is exactly one.
 * - A token swap for a shop whose sync is current does nothing.
 */
export async function afterInstall(shop: string, admin: AdminGraphql): Promise<"SYNCED" | "SYNC_FAILED" | "NOTHING_TO_DO"> {
  const [offers, settings] = await Promise.all([
    db.offer.count({ where: { shop } }),
    db.shopSettings.findUnique({ where: { shop }, select: { syncStatus: true } }),
  ]);
  if (offers === 0 || settings?.syncStatus === "OK") return "NOTHING_TO_DO";
  // syncShop records any failure on ShopSettings, where Home shows it; the merchant's sign-in goes on.
  const result = await syncShop(shop, admin);
  return result.ok ? "SYNCED" : "SYNC_FAILED";
}
