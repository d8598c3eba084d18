import { pickerCatalog } from "../demo-mode/picker-catalog";
import { appBridgeStandIn } from "../demo-mode/app-bridge-stand-in";
import { DEMO_API_KEY, DEMO_SHOP, isDemoMode } from "../demo-mode/demo-mode.server";

/** Demo mode's App Bridge (see app/demo-mode/app-bridge-stand-in.ts); outside demo mode this route does not exist. */
export const loader = async () => {
  if (!isDemoMode()) throw new Response("Not found", { status: 404 });
  return new Response(appBridgeStandIn({ apiKey: DEMO_API_KEY, shop: DEMO_SHOP, catalog: pickerCatalog() }), {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store" },
  });
};
