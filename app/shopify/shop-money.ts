import { divRound, fractionDigits, toDecimalString } from "@tactful/engine/money";

/*
 * The shop's money, as the admin shows it: Shopify's "HTML without currency"
 * format (shop.currencyFormats.moneyFormat, e.g. "€{{amount_with_comma_separator}}")
 * with the amount in the currency's own digits from the engine's table, so a
 * yen shop reads ¥3,000 and a dinar shop 1.250 KD, never "$12.00".
 */

export interface ShopMoney {
  currency: string;
  /** Shopify's money format; Intl's when Shopify gave none. */
  moneyFormat: string | null;
}

function group(whole: string, sep: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** One amount in one of Shopify's placeholder styles; `digits` from the table, 0 for the *_no_decimals styles. */
function amount(minor: number, digits: number, thousands: string, decimal: string): string {
  const [whole = "0", frac] = toDecimalString(Math.abs(minor), digits).split(".");
  return (minor < 0 ? "-" : "") + group(whole, thousands) + (frac ? decimal + frac : "");
}

const rounded = (minor: number, digits: number) => divRound(minor, 10 ** digits);

const plain = (m: number, d: number) => amount(m, d, ",", ".");

const STYLES: Record<string, (minor: number, digits: number) => string> = {
  amount: plain,
  amount_no_decimals: (m, d) => amount(rounded(m, d), 0, ",", "."),
  amount_with_comma_separator: (m, d) => amount(m, d, ".", ","),
  amount_no_decimals_with_comma_separator: (m, d) => amount(rounded(m, d), 0, ".", ","),
  amount_with_apostrophe_separator: (m, d) => amount(m, d, "'", "."),
  amount_no_decimals_with_space_separator: (m, d) => amount(rounded(m, d), 0, " ", ","),
  amount_with_space_separator: (m, d) => amount(m, d, " ", ","),
  amount_with_period_and_space_separator: (m, d) => amount(m, d, " ", "."),
};

/** Minor units in the shop's currency and money format ("¥3,000", "€12,50", "1.250 KD"). */
export function formatShopMoney(minor: number, money: ShopMoney, locale = "en"): string {
  const digits = fractionDigits(money.currency);
  const format = money.moneyFormat?.replace(/<[^>]*>/g, "").trim();
  if (format && /{{\s*\w+\s*}}/.test(format)) {
    return format.replace(/{{\s*(\w+)\s*}}/g, (_, name: string) => (STYLES[name] ?? plain)(minor, digits));
  }
  return new Intl.NumberFormat(locale, { style: "currency", currency: money.currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(minor / 10 ** digits);
}
