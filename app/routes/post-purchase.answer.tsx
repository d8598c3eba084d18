import { z } from "zod";
import { recordAnswer } from "../post-purchase/offer.server";
import { postPurchaseAction, postPurchaseLoader } from "../post-purchase/route.server";

// The page reports the shopper's answer: DECLINED, or ACCEPTED once applyChangeset processed.
export const loader = postPurchaseLoader;
export const action = postPurchaseAction(z.object({ token: z.string({ error: "token is required" }), answer: z.enum(["ACCEPTED", "DECLINED"], { error: "answer must be ACCEPTED or DECLINED" }) }), async ({ shop, input, body }) => ({
  recorded: await recordAnswer(shop, input.referenceId, body.answer),
}));
