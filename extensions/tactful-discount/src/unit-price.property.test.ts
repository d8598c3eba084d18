import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fromDecimalString } from "@tactful/engine/money";
import { unitPriceOf } from "./read-input";

/*
 * The Function's price reader (decision 0082) takes a fast path for plain
 * prices ("49.9", "1200.0") and must give exactly what the general parser,
 * fromDecimalString, gives for every string in every currency's digits
 * (0 for yen to 3 for dinars; up to 6 is accepted). These properties aim at
 * where a fast path could drift: the exactness bound near 2^50-2^53 minor
 * units, fraction digits past the currency's (zeros or not), and forms
 * Number() reads but the general parser refuses.
 */
const digitsArb = fc.integer({ min: 0, max: 6 });
const digitString = (min: number, max: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: min, maxLength: max });

describe("unitPriceOf reads every price as fromDecimalString does", () => {
  it("plain decimals of every length, with and without zeros past the currency's digits", () => {
    fc.assert(
      fc.property(digitString(1, 17), digitString(0, 8), fc.nat({ max: 6 }), digitsArb, (whole, frac, zeros, digits) => {
        const s = `${whole}.${frac}${"0".repeat(zeros)}`;
        expect(unitPriceOf(s, digits)).toBe(fromDecimalString(s, digits));
      }),
      { numRuns: 30_000 },
    );
  });

  it("amounts around the fast path's exactness bound (2^50 minor units) and past the safe range", () => {
    const near = fc.oneof(
      fc.bigInt({ min: 2n ** 49n, max: 2n ** 54n }),
      fc.bigInt({ min: 2n ** 50n - 1000n, max: 2n ** 50n + 1000n }),
      fc.bigInt({ min: 2n ** 53n - 1000n, max: 2n ** 53n + 1000n }),
    );
    fc.assert(
      fc.property(near, digitsArb, fc.nat({ max: 3 }), (minor, digits, zeros) => {
        const text = minor.toString().padStart(digits + 1, "0");
        const s = digits === 0 ? `${text}.${"0".repeat(zeros)}` : `${text.slice(0, text.length - digits)}.${text.slice(text.length - digits)}${"0".repeat(zeros)}`;
        expect(unitPriceOf(s, digits)).toBe(fromDecimalString(s, digits));
      }),
      { numRuns: 30_000 },
    );
  });

  it("odd strings: signs, blanks, exponents, hex, no dot, empty parts", () => {
    const odd = fc.string({ unit: fc.constantFrom("0", "1", "5", "9", ".", "-", "+", " ", "e", "E", "x", "b", "o", "I", "n", "\t"), maxLength: 10 });
    fc.assert(
      fc.property(odd, digitsArb, (s, digits) => {
        expect(unitPriceOf(s, digits)).toBe(fromDecimalString(s, digits));
      }),
      { numRuns: 30_000 },
    );
  });

  it("the forms Shopify sends, read exactly, and forms that must fail closed", () => {
    expect(unitPriceOf("49.9", 2)).toBe(4990);
    expect(unitPriceOf("49.90", 2)).toBe(4990);
    expect(unitPriceOf("1200.0", 0)).toBe(1200);
    expect(unitPriceOf("0.1", 2)).toBe(10);
    expect(unitPriceOf("1.234", 3)).toBe(1234);
    // More significant digits than the currency has: the general parser's rounding, not a float's (1.005 * 100 is 100.49999…).
    expect(unitPriceOf("1.005", 2)).toBe(101);
    expect(unitPriceOf("1200.5", 0)).toBe(1201);
    for (const s of ["1e3", "0x10", "+5.00", "Infinity", "", " ", "."]) expect(unitPriceOf(s, 2)).toBe(fromDecimalString(s, 2));
    expect(unitPriceOf("1e3", 2)).toBeNull();
    expect(unitPriceOf("90071992547409.93", 2)).toBeNull();
    expect(unitPriceOf(49.9, 2)).toBe(4990);
    expect(unitPriceOf(null, 2)).toBeNull();
  });
});
