import { describe, expect, it } from "vitest";
import { DAY, NOW, line } from "./test-fixtures";
import type { Cart, CartLine, FunctionConfig, FunctionOffer } from "./types";
import { entitleOfferLines, validateOfferLine } from "./validate-line";

const fo = (over: Partial<FunctionOffer> = {}): FunctionOffer => ({
  id: "o1",
  type: "CROSS_SELL",
  trigger: { match: "ANY", products: ["100"], variants: [], collections: [], tags: [] },
  offeredVariants: ["2001"],
  discount: { kind: "PERCENT", bps: 1000 },
  capBps: 2500,
  ...over,
});
const cfg = (...offers: FunctionOffer[]): FunctionConfig => ({ v: 1, offers: offers.length ? offers : [fo()] });
const offerLine = (over: Partial<CartLine> = {}) => line({ key: "x", productId: "200", variantId: "2001", unitPrice: 1500, offerId: "o1", ...over });
const cartOf = (...lines: CartLine[]): Cart => ({ currency: "EUR", rateMicros: 1_000_000, lines });

describe("validateOfferLine", () => {
  it("an offer line whose trigger is in the cart gets its discount", () => {
    const ol = offerLine();
    expect(validateOfferLine(cfg(), cartOf(line(), ol), ol, NOW)).toEqual({ entitled: true, offerId: "o1", discount: { kind: "PERCENT", bps: 1000 } });
  });

  it("a line without the offer property is not ours", () => {
    const l = line();
    expect(validateOfferLine(cfg(), cartOf(l), l, NOW)).toEqual({ entitled: false, code: "NO_OFFER_PROPERTY" });
  });

  it("a forged, unknown offer id gets nothing", () => {
    const ol = offerLine({ offerId: "made-up" });
    expect(validateOfferLine(cfg(), cartOf(line(), ol), ol, NOW)).toEqual({ entitled: false, code: "UNKNOWN_OFFER" });
  });

  it("no discount once the triggering item is removed", () => {
    const ol = offerLine();
    expect(validateOfferLine(cfg(), cartOf(ol), ol, NOW)).toEqual({ entitled: false, code: "TRIGGER_GONE" });
  });

  it("another offer's line does not keep a trigger alive", () => {
    const ol = offerLine();
    const fakeTrigger = line({ key: "f", offerId: "o2" });
    expect(validateOfferLine(cfg(), cartOf(fakeTrigger, ol), ol, NOW)).toEqual({ entitled: false, code: "TRIGGER_GONE" });
  });

  it("an offer line cannot be its own trigger", () => {
    const self = offerLine({ productId: "100", variantId: "2001" });
    expect(validateOfferLine(cfg(), cartOf(self), self, NOW)).toEqual({ entitled: false, code: "TRIGGER_GONE" });
  });

  it("only the offered variants carry the discount", () => {
    const ol = offerLine({ variantId: "9999" });
    expect(validateOfferLine(cfg(), cartOf(line(), ol), ol, NOW)).toEqual({ entitled: false, code: "NOT_AN_OFFERED_VARIANT" });
  });

  it("no discount outside the schedule", () => {
    const ol = offerLine();
    const c = cfg(fo({ startsAt: NOW - DAY, endsAt: NOW }));
    expect(validateOfferLine(c, cartOf(line(), ol), ol, NOW)).toEqual({ entitled: false, code: "NOT_IN_SCHEDULE" });
  });

  it("the Function does not honour an offer over the cap, even from a forged cart", () => {
    // 10 discounted units of 15.00 = 135.00 against a 100.00 trigger
    const ol = offerLine({ quantity: 10 });
    expect(validateOfferLine(cfg(), cartOf(line(), ol), ol, NOW)).toEqual({ entitled: false, code: "OVER_PRICE_CAP" });
  });

  it("the cap counts every line of the same offer together", () => {
    const a = offerLine({ key: "a", unitPrice: 1500 });
    const b = offerLine({ key: "b", unitPrice: 1500 });
    // 13.50 + 13.50 = 27.00 > 25.00
    expect(validateOfferLine(cfg(), cartOf(line(), a, b), a, NOW)).toEqual({ entitled: false, code: "OVER_PRICE_CAP" });
  });

  it("an A/B variant's discount applies when the line names it; an unknown variant gets the offer's", () => {
    const c = cfg(fo({ variantDiscounts: { b: { kind: "PERCENT", bps: 2000 } } }));
    const vb = offerLine({ abVariantId: "b" });
    expect(validateOfferLine(c, cartOf(line(), vb), vb, NOW)).toMatchObject({ entitled: true, discount: { kind: "PERCENT", bps: 2000 } });
    const vz = offerLine({ abVariantId: "zz" });
    expect(validateOfferLine(c, cartOf(line(), vz), vz, NOW)).toMatchObject({ entitled: true, discount: { kind: "PERCENT", bps: 1000 } });
  });

  it("an offer without a discount gives none", () => {
    const ol = offerLine();
    expect(validateOfferLine(cfg(fo({ discount: { kind: "NONE" } })), cartOf(line(), ol), ol, NOW)).toEqual({ entitled: false, code: "NO_DISCOUNT" });
  });

  it("an upsell keeps its discount only while another trigger line remains", () => {
    const up = fo({ type: "UPSELL", offeredVariants: ["3001"] });
    const swapped = offerLine({ productId: "300", variantId: "3001", unitPrice: 2000 });
    expect(validateOfferLine(cfg(up), cartOf(swapped), swapped, NOW)).toEqual({ entitled: false, code: "TRIGGER_GONE" });
    expect(validateOfferLine(cfg(up), cartOf(line(), swapped), swapped, NOW)).toMatchObject({ entitled: true });
  });
});

describe("validateOfferLine: every rule the Function can see (decision records 0055, 0056)", () => {
  const ol = offerLine();
  it("cart-value bounds are judged on the shopper's own lines, in shop currency converted with the cart's rate", () => {
    const min = fo({ trigger: { ...fo().trigger, subtotalMin: 10000 } });
    expect(validateOfferLine(cfg(min), cartOf(line({ unitPrice: 9999 }), ol), ol, NOW)).toEqual({ entitled: false, code: "SUBTOTAL_OUT_OF_RANGE" });
    expect(validateOfferLine(cfg(min), cartOf(line({ unitPrice: 10000 }), ol), ol, NOW)).toMatchObject({ entitled: true });
    // At 1.5 presentment per shop unit the 100.00 minimum is 150.00.
    expect(validateOfferLine(cfg(min), { ...cartOf(line({ unitPrice: 14999 }), ol), rateMicros: 1_500_000 }, ol, NOW)).toEqual({ entitled: false, code: "SUBTOTAL_OUT_OF_RANGE" });
  });

  it("item-count bounds count the shopper's own units, never offer lines", () => {
    const two = fo({ trigger: { ...fo().trigger, itemsMin: 2 } });
    expect(validateOfferLine(cfg(two), cartOf(line(), offerLine({ quantity: 5 })), offerLine({ quantity: 5 }), NOW)).toEqual({ entitled: false, code: "ITEM_COUNT_OUT_OF_RANGE" });
    expect(validateOfferLine(cfg(two), cartOf(line({ quantity: 2 }), ol), ol, NOW)).toMatchObject({ entitled: true });
  });

  it("a bundle line is entitled only while every bundle item has a line of the offer", () => {
    const b = fo({ type: "BUNDLE", offeredVariants: ["2001", "3001"], bundle: [["2001"], ["3001"]], capBps: 10000 });
    const other = offerLine({ key: "y", productId: "300", variantId: "3001" });
    expect(validateOfferLine(cfg(b), cartOf(line(), ol), ol, NOW)).toEqual({ entitled: false, code: "BUNDLE_INCOMPLETE" });
    expect(validateOfferLine(cfg(b), cartOf(line(), ol, other), ol, NOW)).toMatchObject({ entitled: true });
  });

  it("day-based schedules need the shop's day; without it they fail closed", () => {
    const days = fo({ startDay: 100, endDay: 102 });
    expect(validateOfferLine(cfg(days), cartOf(line(), ol), ol, NOW)).toEqual({ entitled: false, code: "NOT_IN_SCHEDULE" });
    expect(validateOfferLine(cfg(days), cartOf(line(), ol), ol, NOW, 101)).toMatchObject({ entitled: true });
    expect(validateOfferLine(cfg(days), cartOf(line(), ol), ol, NOW, 102)).toEqual({ entitled: false, code: "NOT_IN_SCHEDULE" });
    expect(validateOfferLine(cfg(days), cartOf(line(), ol), ol, NOW, 99)).toEqual({ entitled: false, code: "NOT_IN_SCHEDULE" });
  });

  it("entitleOfferLines gives every line the verdict validateOfferLine gives it", () => {
    const b = fo({ id: "o2", type: "BUNDLE", offeredVariants: ["2001", "3001"], bundle: [["2001"], ["3001"]], capBps: 10000 });
    const lines = [line(), ol, offerLine({ key: "y", offerId: "o2" }), offerLine({ key: "z", offerId: "o9" }), line({ key: "w", offerId: "o1", variantId: "999" })];
    const cart = cartOf(...lines);
    const all = entitleOfferLines(cfg(fo(), b), cart, { day: 0, earliest: NOW, latest: NOW });
    for (const l of lines.filter((x) => x.offerId)) expect(all.get(l)).toEqual(validateOfferLine(cfg(fo(), b), cart, l, NOW, 0));
    expect([...all.values()].filter((v) => v.entitled)).toHaveLength(1);
  });
});
