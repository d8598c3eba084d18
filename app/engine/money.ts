import type { Discount, Minor } from "./types";

/*
 * Integer money math. Amounts are minor units; rates are parts per million;
 * percentages are basis points. Every division rounds half away from zero
 * (1.5 -> 2, -1.5 -> -2) so a price and its negation round symmetrically and
 * the storefront, the Function and the admin agree to the cent.
 *
 * Exactness: for |n| < 2^53 the IEEE quotient n / d truncates to the true
 * integer quotient, so divRound is integer division, not float arithmetic.
 */
export function divRound(n: number, d: number): number {
  const q = Math.trunc(n / d) + 0; // + 0 turns -0 into 0
  const r = n - q * d;
  return 2 * Math.abs(r) >= Math.abs(d) ? q + (n < 0 !== d < 0 ? -1 : 1) : q;
}

/** `bps` of `amount`, e.g. percentOf(1999, 2500) = 500 (499.75 rounds half away from zero). */
export function percentOf(amount: Minor, bps: number): Minor {
  return divRound(amount * bps, 10000);
}

/**
 * Shop-currency minor units to presentment minor units. The rate is split into
 * its whole and fractional part so amount * rate never leaves the safe
 * integer range for amounts below 9e9 minor units.
 */
export function convert(shopAmount: Minor, rateMicros: number): Minor {
  const whole = Math.trunc(rateMicros / 1e6);
  return shopAmount * whole + divRound(shopAmount * (rateMicros - whole * 1e6), 1e6);
}

/** Discounted unit price in presentment currency; never below 0, never above the price. */
export function applyDiscount(unitPrice: Minor, discount: Discount, rateMicros: number): Minor {
  const off =
    discount.kind === "PERCENT"
      ? percentOf(unitPrice, Math.min(10000, Math.max(0, discount.bps)))
      : discount.kind === "FIXED"
        ? convert(Math.max(0, discount.amount), rateMicros)
        : 0;
  return Math.max(0, unitPrice - off);
}

/**
 * Parses a decimal string ("12.50", "-3", "0.005") into minor units without
 * floats. Extra fraction digits round half away from zero. Returns null for
 * anything that is not a plain decimal number.
 */
export function fromDecimalString(s: string, fractionDigits = 2): Minor | null {
  const m = /^\s*(-?)(\d*)(?:\.(\d*))?\s*$/.exec(s);
  if (!m || (!m[2] && !m[3])) return null;
  const frac = m[3] ?? "";
  const kept = (frac + "0".repeat(fractionDigits)).slice(0, fractionDigits);
  let v = Number((m[2] || "0") + kept);
  if ((frac[fractionDigits] ?? "0") >= "5") v += 1;
  if (!Number.isSafeInteger(v)) return null;
  return m[1] && v !== 0 ? -v : v;
}

/** Like fromDecimalString, for values known to be valid (numbers use their shortest decimal form). */
export function toMinor(amount: string | number, fractionDigits = 2): Minor {
  const v = fromDecimalString(String(amount), fractionDigits);
  if (v === null) throw new RangeError("bad amount");
  return v;
}

/** ISO 4217 exponents that are not 2. */
const DIGITS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0,
  UGX: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

/** Digits after the decimal point in a currency's minor unit (JPY 0, USD 2, KWD 3). */
export const fractionDigits = (currency: string): number => DIGITS[currency] ?? 2;

/**
 * The engine's rate: presentment minor units per shop minor unit, in ppm.
 * Shopify's rate is per major unit; convert() multiplies minor units by the
 * rate, which is only right when both currencies have the same exponent
 * (a USD shop and a JPY shopper: 5.00 USD is 750 JPY, not 75,000). Scaling
 * by the exponent difference keeps every conversion exact to the unit.
 * The digits are passed in (fractionDigits() here; the storefront asks Intl,
 * which keeps this table out of its byte budget).
 */
export function minorRateMicros(majorRateMicros: number, presentmentDigits: number, shopDigits: number): number {
  const shift = presentmentDigits - shopDigits;
  return shift >= 0 ? majorRateMicros * 10 ** shift : divRound(majorRateMicros, 10 ** -shift);
}
