import { z } from "zod";
import { env } from "../platform/env.server";
import { OfferRefusedError, oneClickChangeFor, recordSigned } from "../post-purchase/offer.server";
import { postPurchaseAction, postPurchaseLoader } from "../post-purchase/route.server";
import { signChangeset } from "../post-purchase/tokens.server";

// The shopper pressed accept: decide again, check the pick, and sign the one changeset this order may get.
export const loader = postPurchaseLoader;
export const action = postPurchaseAction(
  z.object({
    token: z.string({ error: "token is required" }),
    offerId: z.string().min(1).max(64),
    variantId: z.string().regex(/^\d+$/, { error: "variantId must be a numeric id" }),
    quantity: z.int({ error: "quantity must be a whole number" }).min(1).max(100),
  }),
  async ({ shop, input, body, admin }) => {
    const { change, valueMinor, currency } = await oneClickChangeFor(shop, input, body, admin);
    const { SHOPIFY_API_KEY: apiKey, SHOPIFY_API_SECRET: secret } = env();
    const { token, jti } = await signChangeset({ referenceId: input.referenceId, changes: [change], apiKey, secret });
    if (!(await recordSigned(shop, input.referenceId, jti, valueMinor, currency))) throw new OfferRefusedError("This order's offer was already accepted");
    return { token };
  },
);
