import { z } from "zod";
import { SHOP_LOCALES_QUERY } from "../graphql/operations";
import type { ShopLocales } from "../offers/checkout-metafields";
import { AdminApiError, request, type AdminGraphql } from "./admin-api.server";

const shopLocalesSchema = z.object({ shopLocales: z.array(z.object({ locale: z.string().min(2), primary: z.boolean() })) });

/**
 * The locales buyers can see, for the checkout copy. A shop that has not yet
 * granted read_locales (or any answer that names no primary) falls back to
 * the locales the offers are written in, with the settings' default as
 * primary: checkout then still shows the merchant's words.
 */
export async function shopLocales(admin: AdminGraphql, fallback: ShopLocales): Promise<ShopLocales> {
  try {
    const { shopLocales: list } = await request(admin, SHOP_LOCALES_QUERY, shopLocalesSchema);
    const primary = list.find((l) => l.primary)?.locale;
    return primary ? { primary, published: list.map((l) => l.locale) } : fallback;
  } catch (error) {
    if (error instanceof AdminApiError && /access denied|read_locales/i.test(error.message)) return fallback;
    throw error;
  }
}
