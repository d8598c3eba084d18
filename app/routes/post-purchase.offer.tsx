import { z } from "zod";
import { postPurchaseOffer } from "../post-purchase/offer.server";
import { postPurchaseAction, postPurchaseLoader } from "../post-purchase/route.server";

// ShouldRender and Render both ask: is there an offer for this paid order? `{ offer: null }` means no page.
export const loader = postPurchaseLoader;
export const action = postPurchaseAction(z.object({ token: z.string({ error: "token is required" }) }), async ({ shop, input, admin }) => ({
  offer: await postPurchaseOffer(shop, input, admin),
}));
