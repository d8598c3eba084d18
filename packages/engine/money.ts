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

/*
 * Minor-unit digits of every currency, as Shopify counts them: the
 * subunit_to_unit of Shopify's own currency table (github.com/Shopify/money,
 * config/currency_iso.yml at ac0610b, 2026-04-30), not Intl's CLDR data, which
 * shows HUF, IDR, COP, PKR and a dozen more with 0 digits although Shopify
 * keeps 2, and MGA and MRU with 2 although Shopify keeps 0. This is the ONE
 * table: the admin's inputs and display, the engine, the Function, the checkout
 * extension and analytics read it, and the embed's Liquid is generated from it
 * (scripts/gen-currency-liquid.ts; a test fails when they drift).
 * See docs/decisions/0053-currency-digits.md.
 */
const OTHER_DIGITS: readonly (readonly [number, string])[] = [
  [0, "BIF BYR CLP DJF GNF ISK JPY KMF KRW MGA MRU PYG RWF UGX VND VUV XAF XAG XAU XBA XBB XBC XBD XDR XOF XPD XPF XPT XTS"],
  [3, "BHD IQD JOD KWD LYD OMR TND"],
  [4, "CLF"],
];
/** The two-digit currencies apart: only CURRENCY_DIGITS lists them, so bundles that only ask fractionDigits drop them (decision 0097). */
const TWO_DIGITS =
  "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CNY COP CRC CUC CUP CVE " +
  "CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT " +
  "LAK LBP LKR LRD LSL MAD MDL MKD MMK MNT MOP MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD " +
  "RUB SAR SBD SCR SDG SEK SGD SHP SKK SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VED VES " +
  "WST XCD XCG YER ZAR ZMK ZMW";

const digitsTable = (): ReadonlyMap<string, number> =>
  new Map([[2, TWO_DIGITS] as const, ...OTHER_DIGITS].flatMap(([digits, codes]) => codes.split(" ").map((c) => [c, digits] as const)));

/**
 * Currency code -> minor-unit digits, for every currency Shopify knows.
 * Marked pure so the storefront bundle, which gets the shop's digits from
 * Liquid, drops the table (10 KB gzip budget).
 */
export const CURRENCY_DIGITS: ReadonlyMap<string, number> = /* @__PURE__ */ digitsTable();

/**
 * Digits after the decimal point in a currency's minor unit (JPY 0, USD 2,
 * KWD 3). A code Shopify adds after this table was taken counts as 2, the
 * digits of all but 37 of its currencies.
 */
export function fractionDigits(currency: string): number {
  // A scan of the groups, not CURRENCY_DIGITS: the Function asks one currency
  // a run, and building the Map costs it about 1.2M of Shopify's 11M
  // instructions on every run (decision 0093); the pure Map is then dropped.
  if (currency.length !== 3 || currency.includes(" ")) return 2;
  // Every code takes four characters ("JPY "), so a match at a multiple of 4 is a whole code.
  // Indexed, without destructuring: in QuickJS each iterator costs the Function thousands of instructions.
  // Only the groups other than two digits are scanned (unknown codes get 2 anyway): indexOf costs about 100 a character.
  for (let g = 0; g < OTHER_DIGITS.length; g++) {
    const group = OTHER_DIGITS[g] as readonly [number, string];
    const codes = group[1];
    for (let i = codes.indexOf(currency); i >= 0; i = codes.indexOf(currency, i + 1)) if (i % 4 === 0) return group[0];
  }
  return 2;
}

/** Minor units as a plain decimal in the currency's digits: 1250 KWD -> "1.250", 500 JPY -> "500". No grouping, "." as the mark. */
export function toDecimalString(minor: Minor, digits: number): string {
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? "-" : "";
  const abs = String(Math.abs(minor)).padStart(digits + 1, "0");
  return sign + abs.slice(0, abs.length - digits) + "." + abs.slice(abs.length - digits);
}

export type MoneyParse = { ok: true; minor: Minor } | { ok: false; error: string };

/**
 * What a merchant typed ("3000", "12,50", "1.250") in `currency` -> minor
 * units, exactly. More decimals than the currency has is refused, never
 * rounded: "500.5" in yen is a typo, not ¥501.
 */
export function parseMoney(text: string, currency: string): MoneyParse {
  const digits = fractionDigits(currency);
  const t = text.trim().replace(",", ".");
  const m = /^(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m) return { ok: false, error: `Enter an amount such as ${toDecimalString(1250 * 10 ** Math.max(0, digits - 2), digits)}` };
  const frac = m[2] ?? "";
  if (frac.length > digits) return { ok: false, error: digits === 0 ? `${currency} has no decimals` : `${currency} has at most ${digits} decimals` };
  const minor = Number(m[1] + frac.padEnd(digits, "0"));
  if (!Number.isSafeInteger(minor)) return { ok: false, error: "That amount is too large" };
  return { ok: true, minor };
}

/**
 * The engine's rate: presentment minor units per shop minor unit, in ppm.
 * Shopify's rate is per major unit; convert() multiplies minor units by the
 * rate, which is only right when both currencies have the same exponent
 * (a USD shop and a JPY shopper: 5.00 USD is 750 JPY, not 75,000). Scaling
 * by the exponent difference keeps every conversion exact to the unit.
 * The digits are passed in (fractionDigits() here; the storefront gets the
 * shop's from Liquid generated from the same table, which keeps the table
 * out of its byte budget).
 */
export function minorRateMicros(majorRateMicros: number, presentmentDigits: number, shopDigits: number): number {
  const shift = presentmentDigits - shopDigits;
  return shift >= 0 ? majorRateMicros * 10 ** shift : divRound(majorRateMicros, 10 ** -shift);
}
