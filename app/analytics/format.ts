import { formatShopMoney, type ShopMoney } from "../shopify/shop-money";
import { currencyDigits } from "./order-payload";

/**
 * Minor units to an amount: in the shop's money format when `currency` is the
 * shop's ("€1.234,50"), else localised by Intl with the table's digits; "—"
 * without a currency.
 */
export function formatMoney(minor: number, currency: string | null, locale = "en", shop: ShopMoney | null = null): string {
  if (!currency) return "—";
  if (shop?.moneyFormat && shop.currency === currency) return formatShopMoney(minor, shop, locale);
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(minor / 10 ** digits);
}

export function formatPercent(ratio: number | null | undefined, locale = "en", digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return "—";
  return new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: "auto" }).format(ratio);
}

export function formatSignedPercent(ratio: number, locale = "en"): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(ratio);
}

export function formatCount(n: number, locale = "en"): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** First-strong isolation: a number, date or merchant text keeps its own direction inside right-to-left text. */
export function isolate(s: string): string {
  return `\u2068${s}\u2069`;
}

export function formatInterval(value: string, low: string, high: string): string {
  return `${isolate(value)} (${isolate(low)} – ${isolate(high)})`;
}
