import { currencyDigits } from "./order-payload";

/** Minor units to a localised amount ("€1,234.50"); "—" without a currency. */
export function formatMoney(minor: number, currency: string | null, locale = "en"): string {
  if (!currency) return "—";
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
