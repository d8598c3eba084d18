import { describe, expect, it } from "vitest";
import { applyDiscount, convert, fractionDigits, minorRateMicros } from "./money";

describe("currency conversion across exponents", () => {
  it("knows the currencies whose minor unit is not the cent", () => {
    expect([fractionDigits("JPY"), fractionDigits("USD"), fractionDigits("KWD"), fractionDigits("EUR")]).toEqual([0, 2, 3, 2]);
  });

  it("5.00 USD is 750 JPY at 150 yen to the dollar, not 75,000", () => {
    const rate = minorRateMicros(150_000_000, fractionDigits("JPY"), fractionDigits("USD"));
    expect(convert(500, rate)).toBe(750);
  });

  it("1.000 KWD is 3.25 USD at 3.25 dollars to the dinar", () => {
    const rate = minorRateMicros(3_250_000, fractionDigits("USD"), fractionDigits("KWD"));
    expect(convert(1000, rate)).toBe(325);
  });

  it("a fixed 5.00 USD discount takes 750 yen off a 3,000-yen item, never the whole price", () => {
    const rate = minorRateMicros(150_000_000, fractionDigits("JPY"), fractionDigits("USD"));
    expect(applyDiscount(3000, { kind: "FIXED", amount: 500 }, rate)).toBe(2250);
  });
});
