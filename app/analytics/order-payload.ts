import { z } from "zod";
import { fractionDigits, fromDecimalString } from "@tactful/engine";

/*
 * The parts of Shopify's orders/create payload (REST order resource) that
 * attribution reads. Lenient where Shopify's shape has varied across API
 * versions (ids as numbers or strings, properties as a list or an object),
 * strict where a wrong value would count wrong money.
 */

// Order ids fit in a double today; a string id is taken as sent.
const id = z.union([z.number().nonnegative().refine(Number.isInteger), z.string().regex(/^\d{1,20}$/)]).transform((v) => (typeof v === "number" ? BigInt(v).toString() : v));
const amount = z.union([z.string(), z.number()]).transform(String);
const money = z.object({ amount, currency_code: z.string().regex(/^[A-Z]{3}$/) });
const moneySet = z.object({ shop_money: money, presentment_money: money });
const nameValue = z.object({ name: z.string(), value: z.unknown() });

/** [{name, value}] in the REST payload; some tools send a plain object. */
const properties = z
  .union([z.array(nameValue), z.record(z.string(), z.unknown()), z.null()])
  .optional()
  .transform((p): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!p) return out;
    const entries = Array.isArray(p) ? p.map((x) => [x.name, x.value] as const) : Object.entries(p);
    for (const [k, v] of entries) if (typeof v === "string" || typeof v === "number") out[k] = String(v);
    return out;
  });

export const orderLineSchema = z.object({
  id,
  /** Null for custom items; attribution requires it (attribution-evidence.ts). */
  variant_id: id.nullable().optional(),
  quantity: z.number().int().min(0),
  price: amount,
  price_set: moneySet.optional(),
  discount_allocations: z.array(z.object({ amount: amount, amount_set: moneySet.optional() })).default([]),
  properties,
});

export const orderPayloadSchema = z.object({
  id,
  created_at: z.string().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  presentment_currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  subtotal_price: amount.optional(),
  subtotal_price_set: moneySet.optional(),
  current_subtotal_price_set: moneySet.optional(),
  customer: z.object({ id }).nullable().optional(),
  note_attributes: properties,
  line_items: z.array(orderLineSchema).default([]),
});

export type OrderPayload = z.output<typeof orderPayloadSchema>;
export type OrderLine = z.output<typeof orderLineSchema>;

export interface Money2 {
  shop: number;
  shopCurrency: string;
  presentment: number;
  presentmentCurrency: string;
}

/**
 * Minor-unit digits of a currency (JPY 0, EUR 2, KWD 3): the engine's table,
 * as Shopify counts them. Not Intl: its data shows HUF, IDR, COP and more
 * with 0 digits where Shopify's amounts carry 2 (decision 0053).
 */
export const currencyDigits = (currency: string): number => fractionDigits(currency);

export function minor(value: string, currency: string): number | null {
  return fromDecimalString(value, currencyDigits(currency));
}

/** Line revenue after its discounts, in shop and presentment currency; null when an amount is unreadable. */
export function lineRevenue(order: OrderPayload, line: OrderLine): Money2 | null {
  const shopCurrency = order.currency;
  const presentmentCurrency = line.price_set?.presentment_money.currency_code ?? order.presentment_currency ?? shopCurrency;
  const unitShop = minor(line.price_set?.shop_money.amount ?? line.price, shopCurrency);
  const unitPres = line.price_set ? minor(line.price_set.presentment_money.amount, presentmentCurrency) : unitShop;
  if (unitShop === null || unitPres === null) return null;
  let discShop = 0;
  let discPres = 0;
  for (const a of line.discount_allocations) {
    const s = minor(a.amount_set?.shop_money.amount ?? a.amount, shopCurrency);
    const p = a.amount_set ? minor(a.amount_set.presentment_money.amount, presentmentCurrency) : s;
    if (s === null || p === null) return null;
    discShop += s;
    discPres += p;
  }
  return {
    shop: Math.max(0, unitShop * line.quantity - discShop),
    shopCurrency,
    presentment: Math.max(0, unitPres * line.quantity - discPres),
    presentmentCurrency,
  };
}

/** Order subtotal after discounts (no shipping, no tax): what an experiment arm's revenue counts. */
export function orderRevenue(order: OrderPayload): Money2 | null {
  const set = order.current_subtotal_price_set ?? order.subtotal_price_set;
  if (set) {
    const s = minor(set.shop_money.amount, set.shop_money.currency_code);
    const p = minor(set.presentment_money.amount, set.presentment_money.currency_code);
    if (s === null || p === null) return null;
    return { shop: s, shopCurrency: set.shop_money.currency_code, presentment: p, presentmentCurrency: set.presentment_money.currency_code };
  }
  if (order.subtotal_price === undefined) return null;
  const s = minor(order.subtotal_price, order.currency);
  return s === null ? null : { shop: s, shopCurrency: order.currency, presentment: s, presentmentCurrency: order.currency };
}

const ARM_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** `_tactful_ab` = "offerId:bucket,offerId:bucket"; malformed pairs are ignored, at most 20 kept. */
export function parseAbAttribute(value: string | undefined): Array<{ offerId: string; arm: string }> {
  if (!value) return [];
  const out: Array<{ offerId: string; arm: string }> = [];
  const seen = new Set<string>();
  for (const pair of value.split(",")) {
    const i = pair.indexOf(":");
    if (i < 0) continue;
    const offerId = pair.slice(0, i).trim();
    const arm = pair.slice(i + 1).trim();
    if (!ARM_ID.test(offerId) || !ARM_ID.test(arm) || seen.has(offerId)) continue;
    seen.add(offerId);
    out.push({ offerId, arm });
    if (out.length >= 20) break;
  }
  return out;
}
