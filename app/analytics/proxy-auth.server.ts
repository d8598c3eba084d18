import "@shopify/shopify-app-remix/adapters/node";
import { LogSeverity, shopifyApi } from "@shopify/shopify-api";
import db from "../platform/db.server";
import { env } from "../platform/env.server";
import { API_VERSION } from "../shopify.server";

/*
 * The two questions a beacon must answer before it is stored, without what
 * `authenticate.public.appProxy` adds on top: it reads the shop's offline
 * session from the database on every request and, when the token is near
 * expiry, refreshes it against Shopify, once per concurrent beacon. A beacon
 * needs neither a token nor an Admin client (decision 0050).
 */

const config = env();
// Only `utils.validateHmac` is used: the same function appProxy authentication calls.
const api = shopifyApi({
  apiKey: config.SHOPIFY_API_KEY,
  apiSecretKey: config.SHOPIFY_API_SECRET,
  apiVersion: API_VERSION,
  hostName: new URL(config.SHOPIFY_APP_URL).host,
  isEmbeddedApp: true,
  logger: { level: LogSeverity.Error },
});

/** True when Shopify's app proxy signed this query (signature and its timestamp window). */
export async function isSignedByAppProxy(url: URL): Promise<boolean> {
  try {
    return await api.utils.validateHmac(url.searchParams, { signator: "appProxy" });
  } catch {
    // Missing signature, repeated single-value parameter, stale timestamp: not signed.
    return false;
  }
}

/** How long an instance trusts what it learned about a shop's installation. */
export const INSTALLED_TTL_MS = 10_000;
const installed = new Map<string, { installed: boolean; until: number }>();

/**
 * Whether the shop has an offline session (is installed), remembered for
 * INSTALLED_TTL_MS. After an uninstall, another instance may store beacons for
 * up to that long; shop/redact erases them with everything else.
 */
export async function isInstalled(shop: string, now = Date.now()): Promise<boolean> {
  const known = installed.get(shop);
  if (known && known.until > now) return known.installed;
  const session = await db.session.findFirst({ where: { shop, isOnline: false }, select: { id: true } });
  // Bounded: only shops whose signature verified get here, and entries are overwritten, not accumulated past the shop count.
  installed.set(shop, { installed: session !== null, until: now + INSTALLED_TTL_MS });
  return session !== null;
}

/** This instance forgets what it knew (the uninstall webhook landed here, or a test). */
export function forgetInstalled(shop?: string): void {
  if (shop === undefined) installed.clear();
  else installed.delete(shop);
}
