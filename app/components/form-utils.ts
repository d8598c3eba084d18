import { fractionDigits, parseMoney, toDecimalString } from "@tactful/engine/money";

/*
 * Form text <-> the model's integers. Inputs stay strings while the merchant
 * types; these turn them into the numbers the zod schema expects. Text that
 * is not a number passes through unchanged, so the SAME server-side schema
 * reports it on the right field instead of the client guessing.
 */

export type FieldErrors = Record<string, string>;

export function toInt(text: string): number | string {
  const t = text.trim();
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

/** "25" or "12.5" percent -> basis points (2500, 1250). */
export function percentToBps(text: string): number | string {
  const t = text.trim().replace(",", ".");
  return /^\d+(\.\d{1,2})?$/.test(t) ? Math.round(Number(t) * 100) : t;
}

export const bpsToPercent = (bps: number | null | undefined): string => (bps === null || bps === undefined ? "" : String(bps / 100));

/**
 * "12.50" in a EUR shop -> 1250, "500" in a JPY shop -> 500, "1.250" in a KWD
 * shop -> 1250: the shop currency's own digits, from the engine's table. Text
 * it cannot read exactly (too many decimals included) passes through, and the
 * server's schema answers it on the field ("JPY has no decimals").
 */
export function moneyToMinor(text: string, currency: string): number | string {
  const parsed = parseMoney(text, currency);
  return parsed.ok ? parsed.minor : text.trim();
}

/** Minor units -> the text the merchant edits, in the currency's digits ("500", "12.50", "1.250"). */
export const minorToMoney = (minor: number | null | undefined, currency: string): string =>
  minor === null || minor === undefined ? "" : toDecimalString(minor, fractionDigits(currency));

/** Errors for a path and everything under it, for sections that summarise their fields. */
export function errorsUnder(errors: FieldErrors, prefix: string): string[] {
  return Object.entries(errors)
    .filter(([k]) => k === prefix || k.startsWith(`${prefix}.`))
    .map(([, v]) => v);
}
