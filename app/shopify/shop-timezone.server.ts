import { z } from "zod";
import { SHOP_TIMEZONE_QUERY } from "../graphql/operations";
import { request, type AdminGraphql } from "./admin-api.server";

/** The shop's IANA time zone, the default for a new offer's schedule; UTC when Shopify can't say. */
export async function shopTimezone(admin: AdminGraphql): Promise<string> {
  try {
    // One attempt: it only pre-fills a field the merchant can change.
    const data = await request(admin, SHOP_TIMEZONE_QUERY, z.object({ shop: z.object({ ianaTimezone: z.string().min(1) }) }), undefined, 1);
    new Intl.DateTimeFormat("en-US", { timeZone: data.shop.ianaTimezone });
    return data.shop.ianaTimezone;
  } catch {
    return "UTC";
  }
}
