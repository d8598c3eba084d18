import { createHmac } from "node:crypto";

/*
 * Shopify's app proxy, for the simulated storefront: a request to
 * {shop}/apps/tactful/<path> is forwarded to the app's /proxy/<path> with
 * shop, logged_in_customer_id, path_prefix and timestamp added, and
 * `signature` = hex HMAC-SHA256 (app secret) of the other parameters sorted
 * by name, each as key=value (repeated values joined with ","), concatenated
 * with no separator (https://shopify.dev/docs/apps/build/online-store/app-proxies/authenticate-app-proxies).
 */

export function signAppProxyParams(params: URLSearchParams, secret: string): URLSearchParams {
  const grouped = new Map<string, string[]>();
  for (const [k, v] of params) if (k !== "signature") grouped.set(k, [...(grouped.get(k) ?? []), v]);
  const message = [...grouped.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v.join(",")}`)
    .join("");
  const signed = new URLSearchParams(params);
  signed.delete("signature");
  signed.set("signature", createHmac("sha256", secret).update(message).digest("hex"));
  return signed;
}

export function appProxyUrl(appUrl: string, subpath: string, o: { shop: string; secret: string; customerId?: string | null; query?: URLSearchParams; now: number }): string {
  const params = new URLSearchParams(o.query);
  params.set("shop", o.shop);
  params.set("logged_in_customer_id", o.customerId ?? "");
  params.set("path_prefix", "/apps/tactful");
  params.set("timestamp", String(Math.floor(o.now / 1000)));
  return `${appUrl}/proxy/${subpath}?${signAppProxyParams(params, o.secret).toString()}`;
}
