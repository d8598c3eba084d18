import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Session } from "@shopify/shopify-api";
import { DEMO_SHOP, demoHost, isDemoMode, signDemoSessionToken } from "../demo-mode/demo-mode.server";
import { sessionStorage } from "../shopify.server";

/**
 * Demo mode's front door: installs the demo shop's offline session (as
 * Shopify-managed installation would) and opens the admin with a locally
 * signed session token. Outside demo mode this route does not exist.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  if (!isDemoMode()) throw new Response("Not found", { status: 404 });
  await sessionStorage.storeSession(
    new Session({ id: `offline_${DEMO_SHOP}`, shop: DEMO_SHOP, state: "demo", isOnline: false, accessToken: "demo-offline-token", scope: process.env.SCOPES }),
  );
  const to = new URL(request.url).searchParams.get("to") ?? "/app";
  const target = new URL(to.startsWith("/app") ? to : "/app", request.url);
  target.searchParams.set("embedded", "1");
  target.searchParams.set("shop", DEMO_SHOP);
  target.searchParams.set("host", demoHost());
  target.searchParams.set("id_token", signDemoSessionToken(Date.now()));
  return redirect(`${target.pathname}${target.search}`);
};
