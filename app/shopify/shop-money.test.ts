import { describe, expect, it } from "vitest";
import { CURRENCY_DIGITS, fractionDigits } from "@tactful/engine/money";
import { formatMoney } from "../analytics/format";
import { currencyDigits, minor } from "../analytics/order-payload";
import { formatShopMoney } from "./shop-money";

describe("the admin's money display", () => {
  it("uses the shop's money format with the currency's own digits", () => {
    expect(formatShopMoney(1250, { currency: "EUR", moneyFormat: "€{{amount_with_comma_separator}}" })).toBe("€12,50");
    expect(formatShopMoney(123456, { currency: "EUR", moneyFormat: "{{amount_with_space_separator}} €" })).toBe("1 234,56 €");
    expect(formatShopMoney(3000, { currency: "JPY", moneyFormat: "¥{{amount_no_decimals}}" })).toBe("¥3,000");
    expect(formatShopMoney(3000, { currency: "JPY", moneyFormat: "¥{{amount}}" })).toBe("¥3,000");
    expect(formatShopMoney(1250, { currency: "KWD", moneyFormat: "{{amount}} KD" })).toBe("1.250 KD");
    expect(formatShopMoney(1250, { currency: "KWD", moneyFormat: "<span class=money>{{ amount }} KD</span>" })).toBe("1.250 KD");
    expect(formatShopMoney(1250, { currency: "EUR", moneyFormat: null })).toBe("€12.50");
  });
});

describe("analytics reads the one table, not Intl", () => {
  it("counts every currency's digits as the engine does (HUF, IDR, COP keep 2; MGA 0)", () => {
    for (const code of CURRENCY_DIGITS.keys()) expect([code, currencyDigits(code)]).toEqual([code, fractionDigits(code)]);
    // Intl's CLDR data says 0 for these; Shopify's order amounts carry 2.
    expect(minor("1500.50", "HUF")).toBe(150050);
    expect(minor("15000.00", "IDR")).toBe(1500000);
    expect(formatMoney(150050, "HUF")).toBe("HUF\u00a01,500.50");
    expect(formatMoney(1500, "MGA")).toBe("MGA\u00a01,500");
  });
});

describe("analytics and Home show the shop's money format", () => {
  it("uses it for the shop currency and Intl with the table's digits for any other", () => {
    const shop = { currency: "EUR", moneyFormat: "{{amount_with_comma_separator}} €" };
    expect(formatMoney(123450, "EUR", "en", shop)).toBe("1.234,50 €");
    expect(formatMoney(123450, "USD", "en", shop)).toBe("$1,234.50");
    expect(formatMoney(3000, "JPY", "en", { currency: "JPY", moneyFormat: "¥{{amount_no_decimals}}" })).toBe("¥3,000");
    expect(formatMoney(3000, null, "en", shop)).toBe("—");
  });
});
