import { json } from "@remix-run/node";
import { isDemoMode, signDemoSessionToken } from "../demo-mode/demo-mode.server";

/** Demo mode's stand-in for App Bridge's `shopify.idToken()`: a fresh one-minute token. */
export const loader = async () => {
  if (!isDemoMode()) throw new Response("Not found", { status: 404 });
  return json({ token: signDemoSessionToken(Date.now()) }, { headers: { "Cache-Control": "no-store" } });
};
