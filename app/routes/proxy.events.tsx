import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { receiveBeacon } from "../analytics/beacon-intake.server";

// Storefront analytics beacons: https://{shop}/apps/tactful/events -> /proxy/events (shopify.app.toml).
export const action = ({ request }: ActionFunctionArgs) => receiveBeacon(request);

export const loader = (_args: LoaderFunctionArgs) =>
  new Response("Beacons are sent with POST", { status: 405, headers: { Allow: "POST" } });
