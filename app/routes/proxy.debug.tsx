import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { isSignedByAppProxy } from "../analytics/proxy-auth.server";
import { verifyDebugToken } from "../debugger/debug-link.server";
import { env } from "../platform/env.server";

/*
 * The session debugger's gate (decision record 0090):
 * https://{shop}/apps/tactful/debug?token=… -> /proxy/debug (shopify.app.toml).
 * Shopify's app proxy signs the shop into the query, so a token minted for one
 * shop opens no other. 200 only for a valid token; the storefront loads the
 * debug panel on nothing else.
 */
const answer = (status: number, body: Record<string, unknown>) =>
  json(body, { status, headers: { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" } });

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  const shop = url.searchParams.get("shop");
  if (!url.searchParams.get("signature") || !shop || !(await isSignedByAppProxy(url))) return answer(401, { ok: false, message: "Request is not signed by the app proxy" });
  const verdict = verifyDebugToken(url.searchParams.get("token") ?? "", shop, env().SHOPIFY_API_SECRET, Date.now());
  if (!verdict.ok) return answer(verdict.status, verdict);
  return answer(200, { ok: true, expiresAt: verdict.expiresAt });
};
