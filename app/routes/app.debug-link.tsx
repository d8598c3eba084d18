import { json, type ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { env } from "../platform/env.server";
import { isDemoMode } from "../demo-mode/demo-mode.server";
import { debugLinkUrl, mintDebugToken } from "../debugger/debug-link.server";

/*
 * Mints a session debugger link (decision record 0090). Only an authenticated
 * admin session gets here; the link opens the shop's storefront with a token
 * that works for 15 minutes, for this shop only.
 */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  if (request.method !== "POST") return json({ error: "Create a debug link with POST" }, { status: 405, headers: { Allow: "POST" } });
  const link = mintDebugToken(session.shop, env().SHOPIFY_API_SECRET, Date.now());
  // The demo's simulated storefront stands in for https://{shop}.
  const storefront = (isDemoMode() && process.env.TACTFUL_DEMO_STOREFRONT_URL) || `https://${session.shop}/`;
  return json({ url: debugLinkUrl(storefront, link.token), expiresAt: link.expiresAt }, { headers: { "Cache-Control": "no-store" } });
};

// Like every /app route, it answers nothing before the admin session is checked.
export const loader = async ({ request }: ActionFunctionArgs) => {
  await authenticate.admin(request);
  return new Response("Create a debug link with POST", { status: 405, headers: { Allow: "POST" } });
};
