import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { applyDiscount, convert, CURRENCY_DIGITS, divRound, fractionDigits, fromDecimalString, parseMoney, percentOf, toDecimalString, toMinor } from "./money";

describe("money", () => {
  it("rounds half away from zero", () => {
    expect(divRound(15, 10)).toBe(2);
    expect(divRound(-15, 10)).toBe(-2);
    expect(divRound(14, 10)).toBe(1);
    expect(divRound(-14, 10)).toBe(-1);
    expect(percentOf(1999, 2500)).toBe(500); // 499.75
    expect(percentOf(2, 2500)).toBe(1); // 0.5
  });

  it("divRound agrees with exact BigInt rounding", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 12 }), (n, d) => {
        const bn = BigInt(n);
        const bd = BigInt(d);
        const q = bn / bd;
        const r = bn - q * bd;
        const abs = (x: bigint) => (x < 0n ? -x : x);
        const want = 2n * abs(r) >= bd ? q + (bn < 0n ? -1n : 1n) : q;
        expect(divRound(n, d)).toBe(Number(want));
      }),
      { numRuns: 10_000 },
    );
  });

  it("a percentage discount is taken off in integer minor units", () => {
    expect(applyDiscount(1999, { kind: "PERCENT", bps: 1000 }, 1_000_000)).toBe(1799); // 199.9 -> 200
  });

  it("a fixed discount is converted to the shopper's currency and never goes below zero", () => {
    expect(applyDiscount(5000, { kind: "FIXED", amount: 500 }, 1_500_000)).toBe(4250);
    expect(applyDiscount(300, { kind: "FIXED", amount: 500 }, 1_000_000)).toBe(0);
  });

  it("no discount leaves the price alone", () => {
    expect(applyDiscount(1234, { kind: "NONE" }, 2_000_000)).toBe(1234);
  });

  it("converts large amounts at large rates without leaving the safe integer range", () => {
    // 10,000.00 USD at 16,250.5 IDR per USD
    expect(convert(1_000_000, 16_250_500_000)).toBe(16_250_500_000);
    expect(convert(1, 1_500_000)).toBe(2); // 1.5 -> 2
  });

  it("parses decimal strings without floats", () => {
    expect(fromDecimalString("12.50")).toBe(1250);
    expect(fromDecimalString("12.5")).toBe(1250);
    expect(fromDecimalString("12")).toBe(1200);
    expect(fromDecimalString(".5")).toBe(50);
    expect(fromDecimalString("-3.10")).toBe(-310);
    expect(fromDecimalString("0.005")).toBe(1);
    expect(fromDecimalString("0.1", 3)).toBe(100);
    expect(fromDecimalString("19.999")).toBe(2000);
    expect(fromDecimalString("abc")).toBeNull();
    expect(fromDecimalString("1e3")).toBeNull();
    expect(fromDecimalString("")).toBeNull();
    expect(toMinor(0.1 + 0.2)).toBe(30); // 0.30000000000000004 still rounds to 30 cents
    expect(toMinor(19.99)).toBe(1999);
    expect(() => toMinor("x")).toThrow(RangeError);
  });
});

describe("the one currency table", () => {
  it("holds Shopify's digits, where Intl's CLDR data disagrees too", () => {
    const digits = (codes: string) => codes.split(" ").map((c) => [c, fractionDigits(c)]);
    // Shopify/money config/currency_iso.yml: HUF, IDR, COP, TWD, PKR keep 2 (Intl says 0 for most); MGA, MRU 0 (Intl 2).
    expect(digits("JPY KRW ISK CLP VND MGA MRU")).toEqual(digits("JPY KRW ISK CLP VND MGA MRU").map(([c]) => [c, 0]));
    expect(digits("USD EUR HUF IDR COP TWD PKR IRR")).toEqual(digits("USD EUR HUF IDR COP TWD PKR IRR").map(([c]) => [c, 2]));
    expect(digits("KWD BHD IQD JOD LYD OMR TND")).toEqual(digits("KWD BHD IQD JOD LYD OMR TND").map(([c]) => [c, 3]));
    expect(fractionDigits("CLF")).toBe(4);
    expect(CURRENCY_DIGITS.size).toBe(172);
  });

  it("reads what a merchant types in the currency's own digits and refuses more decimals", () => {
    expect(parseMoney("500", "JPY")).toEqual({ ok: true, minor: 500 });
    expect(parseMoney("3000", "JPY")).toEqual({ ok: true, minor: 3000 });
    expect(parseMoney("500.5", "JPY")).toEqual({ ok: false, error: "JPY has no decimals" });
    expect(parseMoney("500.0", "JPY")).toEqual({ ok: false, error: "JPY has no decimals" });
    expect(parseMoney("1.250", "KWD")).toEqual({ ok: true, minor: 1250 });
    expect(parseMoney("1.2", "KWD")).toEqual({ ok: true, minor: 1200 });
    expect(parseMoney("1.2505", "KWD")).toEqual({ ok: false, error: "KWD has at most 3 decimals" });
    expect(parseMoney("12,50", "EUR")).toEqual({ ok: true, minor: 1250 });
    expect(parseMoney(" 12.5 ", "USD")).toEqual({ ok: true, minor: 1250 });
    expect(parseMoney("12.505", "USD")).toEqual({ ok: false, error: "USD has at most 2 decimals" });
    expect(parseMoney("abc", "USD")).toEqual({ ok: false, error: "Enter an amount such as 12.50" });
    expect(parseMoney("-5", "KWD")).toEqual({ ok: false, error: "Enter an amount such as 12.500" });
  });

  it("parse(format(x)) == x for every currency in the table", () => {
    const codes = [...CURRENCY_DIGITS.keys()];
    fc.assert(
      fc.property(fc.constantFrom(...codes), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (currency, minor) => {
        const text = toDecimalString(minor, fractionDigits(currency));
        expect(parseMoney(text, currency)).toEqual({ ok: true, minor });
        expect(fromDecimalString(text, fractionDigits(currency))).toBe(minor);
      }),
      { numRuns: 5_000 },
    );
    // And every currency at least once, with an amount that uses all its digits.
    for (const currency of codes) expect(parseMoney(toDecimalString(123456789, fractionDigits(currency)), currency)).toEqual({ ok: true, minor: 123456789 });
  });
});
