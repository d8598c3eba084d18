import { forgetInstalled } from "../analytics/proxy-auth.server";
import { webhookAction } from "../shopify/webhook-action.server";

/*
 * Sessions go at once; offers and settings stay until shop/redact (48 h later),
 * so a merchant who reinstalls by mistake keeps their offers. Shopify deletes
 * the installation's metafields and the app's discount itself; the sync state
 * is reset so Home doesn't claim a live config and the next install republishes.
 */
export const action = webhookAction("app/uninstalled", async ({ shop }, tx, { triggeredAt }) => {
  // A delivery that arrives after the shop installed again (Shopify retries for
  // hours) must not sign the new installation out: only older sessions go.
  const sessions = triggeredAt ? { shop, updatedAt: { lte: triggeredAt } } : { shop };
  await tx.session.deleteMany({ where: sessions });
  // Beacons stop being stored here at once; other instances within INSTALLED_TTL_MS.
  forgetInstalled(shop);
  if ((await tx.session.count({ where: { shop } })) > 0) return;
  await tx.shopSettings.updateMany({ where: { shop }, data: { syncStatus: "NEVER", syncError: null, syncedAt: null } });
});
