import { describe, expect, it } from "vitest";
import { decide } from "./decide";
import { maxOneClickQuantity, oneClickChange, purchaseCart } from "./post-purchase";
import { config, ctx, memory, NOW, offer } from "./test-fixtures";
import type { Decision } from "./types";

const variants = { "2001": { unitPrice: 1500, available: true }, "2002": { unitPrice: 1500, available: false } };
const paid = [{ productId: "100", variantId: "1001", quantity: 2, totalMinor: 10001 }];

function decided(): Decision {
  const c = config([offer({ moments: ["POST_PURCHASE"] })]);
  const d = decide(c, purchaseCart("EUR", paid, variants), ctx({ moment: "POST_PURCHASE" }), memory(), NOW);
  if (!d.show) throw new Error(`expected an offer, got ${JSON.stringify(d.reasons)}`);
  return d;
}

describe("the paid order as a cart", () => {
  it("prices each unit from the line total, rounded down so the cap errs for the shopper", () => {
    const cart = purchaseCart("EUR", paid, variants);
    expect(cart.lines[0]).toMatchObject({ productId: "100", variantId: "1001", quantity: 2, unitPrice: 5000 });
    expect(cart.rateMicros).toBe(1_000_000);
  });

  it("is decided like every surface: the post-purchase moment only", () => {
    expect(decided().offerId).toBe("o1");
    const other = decide(config([offer({ moments: ["THANK_YOU"] })]), purchaseCart("EUR", paid, variants), ctx({ moment: "POST_PURCHASE" }), memory(), NOW);
    expect(other.show).toBe(false);
    if (!other.show) expect(other.reasons[0]?.codes).toContain("WRONG_MOMENT");
  });
});

describe("one click", () => {
  it("caps the quantity at the offer's cap on the order's subtotal", () => {
    // 25% of 100.00 = 25.00; 13.50 a unit -> 1 fits, 2 do not.
    expect(maxOneClickQuantity(1350, 10000, 2500)).toBe(1);
    expect(maxOneClickQuantity(500, 10000, 2500)).toBe(5);
    expect(maxOneClickQuantity(100, 1_000_000, 2500)).toBe(5);
    expect(maxOneClickQuantity(3000, 10000, 2500)).toBe(0);
  });

  const base = { capBps: 2500, subtotal: 10001, shopDigits: 2, discountTitle: "Tactful" };

  it("builds the add_variant change with the offer's discount", () => {
    const r = oneClickChange({ ...base, decision: decided(), variantId: "2001", quantity: 1, facts: variants["2001"] });
    expect(r).toEqual({
      ok: true,
      change: { type: "add_variant", variantId: 2001, quantity: 1, discount: { value: 10, valueType: "percentage", title: "Tactful" } },
      unitPrice: 1500,
      discountedUnit: 1350,
    });
  });

  it.each([
    ["a variant the offer does not hold", { variantId: "9999", quantity: 1, facts: variants["2001"] }, /not part of the offer/],
    ["an unavailable variant", { variantId: "2002", quantity: 1, facts: variants["2002"] }, /not available/],
    ["a fractional quantity", { variantId: "2001", quantity: 1.5, facts: variants["2001"] }, /whole number/],
    ["more than the cap allows", { variantId: "2001", quantity: 2, facts: variants["2001"] }, /At most 1/],
  ])("refuses %s", (_label, pick, message) => {
    const r = oneClickChange({ ...base, decision: decided(), ...pick });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it("states a fixed discount in the shop currency's major units", () => {
    const d = { ...decided(), discount: { kind: "FIXED" as const, amount: 250 } };
    const r = oneClickChange({ ...base, decision: d, variantId: "2001", quantity: 1, facts: variants["2001"] });
    expect(r.ok && r.change.discount).toEqual({ value: 2.5, valueType: "fixed_amount", title: "Tactful" });
    const yen = oneClickChange({ ...base, shopDigits: 0, decision: { ...d, discount: { kind: "FIXED", amount: 250 } }, variantId: "2001", quantity: 1, facts: variants["2001"] });
    expect(yen.ok && yen.change.discount?.value).toBe(250);
  });
});
