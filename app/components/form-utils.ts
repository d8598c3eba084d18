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

/** "12.50" in the shop's currency -> 1250 minor units (two-decimal currencies). */
export function moneyToMinor(text: string): number | string {
  const t = text.trim().replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return t;
  const [whole = "0", frac = ""] = t.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}

export const minorToMoney = (minor: number | null | undefined): string => (minor === null || minor === undefined ? "" : (minor / 100).toFixed(2));

/** Errors for a path and everything under it, for sections that summarise their fields. */
export function errorsUnder(errors: FieldErrors, prefix: string): string[] {
  return Object.entries(errors)
    .filter(([k]) => k === prefix || k.startsWith(`${prefix}.`))
    .map(([, v]) => v);
}
