import { z } from "zod";
import { triggerCollections } from "../offers/offer-compiler";
import { activeOfferRecords } from "../offers/offers.server";
import { syncShop } from "./sync.server";
import type { WebhookHandler } from "./webhook-action.server";

/*
 * collections/update and collections/delete: when a collection that an
 * active offer triggers on changes, publish again so the storefront's copy
 * of its products is current (decision record 0054). Shopify sends
 * collections/update for products added or removed on the collection
 * itself; changes made from a product (and smart-collection matches by tag)
 * arrive as products/update instead and wait for the next publish.
 */
const payloadSchema = z.object({ id: z.union([z.number().int(), z.string().regex(/^\d+$/)]) });

/** A deleted trigger collection publishes as empty: the same republish as an update. */
export const republishIfTriggerCollection: WebhookHandler = async ({ admin, shop, payload }, tx) => {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success || !admin) return;
  const id = String(parsed.data.id);
  if (!triggerCollections(await activeOfferRecords(shop, tx)).includes(id)) return;
  // After the event is committed: the sync calls Shopify and records its own outcome (it never throws for Shopify's failures).
  return async () => {
    await syncShop(shop, admin);
  };
};
