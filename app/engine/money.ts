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
