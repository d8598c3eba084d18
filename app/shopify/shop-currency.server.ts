import { z } from "zod";
import { SHOP_MONEY_QUERY } from "../graphql/operations";
import { request, retryPolicy, type AdminGraphql } from "./admin-api.server";
import type { ShopMoney } from "./shop-money";

/**
 * The shop currency and money format, which every amount the admin reads or
 * shows is in (decision 0053). Asked per request rather than stored: a
 * guessed currency would store ¥500 as 50,000, so without an answer the
 * caller fails instead of defaulting (request() has already retried).
 */
export async function fetchShopMoney(admin: AdminGraphql, maxAttempts = retryPolicy.maxAttempts): Promise<ShopMoney> {
  const data = await request(
    admin,
    SHOP_MONEY_QUERY,
    z.object({ shop: z.object({ currencyCode: z.string().regex(/^[A-Z]{3}$/), currencyFormats: z.object({ moneyFormat: z.string() }) }) }),
    undefined,
    maxAttempts,
  );
  return { currency: data.shop.currencyCode, moneyFormat: data.shop.currencyFormats.moneyFormat || null };
}

/** For display only (analytics, Home): one attempt, and null lets the page fall back to Intl's format. */
export async function shopMoneyForDisplay(admin: AdminGraphql): Promise<ShopMoney | null> {
  return fetchShopMoney(admin, 1).catch(() => null);
}
