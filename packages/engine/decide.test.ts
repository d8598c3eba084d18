import { describe, expect, it } from "vitest";
import { bucketOf } from "./bucketing";
import { decide, FUNCTION_MAX_LINES } from "./decide";
import { DAY, NOW, cart, config, ctx, line, memory, offer } from "./test-fixtures";
import type { DecideResult, NoDecision } from "./types";

const codesOf = (r: DecideResult, id = "o1") => (r.show ? [] : (r.reasons.find((x) => x.offerId === id)?.codes ?? []));
const shown = (r: DecideResult) => (r.show ? r.offerId : null);
/** A visitor id whose bucket for offer `id` satisfies `ok`. */
function visitorWhere(id: string, ok: (b: number) => boolean): string {
  for (let i = 0; ; i++) if (ok(bucketOf(`v${i}`, id))) return `v${i}`;
}

describe("decide: who sees what", () => {
  it("shows a matching cross-sell with its discounted price and headroom", () => {
    const r = decide(config([offer()]), cart(), ctx(), memory(), NOW);
    expect(r.show).toBe(true);
    if (!r.show) return;
    expect(r.offerId).toBe("o1");
    expect(r.items).toEqual([{ productId: "200", handle: "wool-socks", variantIds: ["2001", "2002"], unitPrice: 1500, discountedPrice: 1350 }]);
    expect(r.headroom).toBe(2500 - 1350);
    expect(r.delayMs).toBe(800);
    expect(r.content?.headline).toBe("Socks?");
  });

  it("a paused shop shows nothing", () => {
    const r = decide(config([offer()], { paused: true }), cart(), ctx(), memory(), NOW);
    expect(r.show).toBe(false);
    expect(codesOf(r)).toEqual(["PAUSED"]);
  });

  it("an offer only opens at one of its moments", () => {
    const r = decide(config([offer({ moments: ["CART"] })]), cart(), ctx({ moment: "ADD_TO_CART" }), memory(), NOW);
    expect(codesOf(r)).toContain("WRONG_MOMENT");
  });

  it("an offer shows only inside its schedule, start inclusive and end exclusive", () => {
    const o = offer({ startsAt: NOW, endsAt: NOW + DAY });
    expect(shown(decide(config([o]), cart(), ctx(), memory(), NOW))).toBe("o1");
    expect(codesOf(decide(config([o]), cart(), ctx(), memory(), NOW - 1))).toContain("NOT_IN_SCHEDULE");
    expect(codesOf(decide(config([o]), cart(), ctx(), memory(), NOW + DAY))).toContain("NOT_IN_SCHEDULE");
  });

  it("an offer whose trigger is not in the cart is not shown", () => {
    const r = decide(config([offer()]), cart({ lines: [line({ productId: "999" })] }), ctx(), memory(), NOW);
    expect(codesOf(r)).toContain("TRIGGER_NOT_IN_CART");
  });

  it("an ALL trigger needs every listed product", () => {
    const o = offer({ trigger: { match: "ALL", products: ["100", "101"], variants: [], collections: [], tags: [] } });
    expect(codesOf(decide(config([o]), cart(), ctx(), memory(), NOW))).toContain("TRIGGER_NOT_IN_CART");
    const both = cart({ lines: [line(), line({ key: "k2", productId: "101", variantId: "1011" })] });
    expect(shown(decide(config([o]), both, ctx(), memory(), NOW))).toBe("o1");
  });

  it("a collection trigger matches through the line's collections or the config's collection map", () => {
    const o = offer({ trigger: { match: "ANY", products: [], variants: [], collections: ["77"], tags: [] } });
    expect(shown(decide(config([o]), cart({ lines: [line({ collectionIds: ["77"] })] }), ctx(), memory(), NOW))).toBe("o1");
    expect(shown(decide({ ...config([o]), collections: { "77": ["100"] } }, cart(), ctx(), memory(), NOW))).toBe("o1");
    expect(codesOf(decide(config([o]), cart(), ctx(), memory(), NOW))).toContain("TRIGGER_NOT_IN_CART");
  });

  it("a tag trigger matches product tags case-insensitively", () => {
    const o = offer({ trigger: { match: "ANY", products: [], variants: [], collections: [], tags: ["Summer"] } });
    expect(shown(decide(config([o]), cart({ lines: [line({ tags: ["summer"] })] }), ctx(), memory(), NOW))).toBe("o1");
  });

  it("lines added by an offer never count as a trigger", () => {
    const r = decide(config([offer()]), cart({ lines: [line({ offerId: "other" })] }), ctx(), memory(), NOW);
    expect(codesOf(r)).toContain("TRIGGER_NOT_IN_CART");
  });

  it("cart value bounds are in shop currency, converted to the shopper's", () => {
    const o = offer({ trigger: { match: "ANY", products: [], variants: [], collections: [], tags: [], subtotalMin: 8000 } });
    // 100.00 in the shopper's currency at 1.5 per shop unit is below 80.00 x 1.5 = 120.00
    expect(codesOf(decide(config([o]), cart({ rateMicros: 1_500_000 }), ctx(), memory(), NOW))).toContain("SUBTOTAL_OUT_OF_RANGE");
    expect(shown(decide(config([o]), cart(), ctx(), memory(), NOW))).toBe("o1");
  });

  it("item count bounds count the shopper's own items", () => {
    const o = offer({ trigger: { match: "ANY", products: ["100"], variants: [], collections: [], tags: [], itemsMin: 2 } });
    expect(codesOf(decide(config([o]), cart(), ctx(), memory(), NOW))).toContain("ITEM_COUNT_OUT_OF_RANGE");
    expect(shown(decide(config([o]), cart({ lines: [line({ quantity: 2 })] }), ctx(), memory(), NOW))).toBe("o1");
  });

  it("an offer for logged-in customers is not shown to guests", () => {
    const o = offer({ segment: { ...offer().segment, customer: "LOGGED_IN" } });
    expect(codesOf(decide(config([o]), cart(), ctx({ loggedIn: false }), memory(), NOW))).toContain("SEGMENT_MISMATCH");
    expect(shown(decide(config([o]), cart(), ctx({ loggedIn: true }), memory(), NOW))).toBe("o1");
  });

  it("excluded customer tags win over included ones", () => {
    const o = offer({ segment: { ...offer().segment, tagsInclude: ["vip"], tagsExclude: ["wholesale"] } });
    expect(shown(decide(config([o]), cart(), ctx({ customerTags: ["VIP"] }), memory(), NOW))).toBe("o1");
    expect(codesOf(decide(config([o]), cart(), ctx({ customerTags: ["vip", "wholesale"] }), memory(), NOW))).toContain("SEGMENT_MISMATCH");
  });

  it("a new-customer offer is not shown when history is unknown", () => {
    const o = offer({ segment: { ...offer().segment, history: "NEW" } });
    expect(codesOf(decide(config([o]), cart(), ctx(), memory(), NOW))).toContain("SEGMENT_MISMATCH");
    expect(shown(decide(config([o]), cart(), ctx({ returning: false }), memory(), NOW))).toBe("o1");
  });

  it("country, market and locale segments must all match", () => {
    const de = { headline: "Socken?", body: "", accept: "Ja", decline: "Nein" };
    const o = offer({ segment: { ...offer().segment, countries: ["DE"], markets: ["eu"], locales: ["de"] }, content: { en: de, de } });
    expect(shown(decide(config([o]), cart(), ctx({ country: "DE", market: "eu", locale: "de-AT" }), memory(), NOW))).toBe("o1");
    expect(codesOf(decide(config([o]), cart(), ctx({ country: "FR", market: "eu", locale: "de" }), memory(), NOW))).toContain("SEGMENT_MISMATCH");
    expect(codesOf(decide(config([o]), cart(), ctx({ country: "DE", market: "eu", locale: "en" }), memory(), NOW))).toContain("SEGMENT_MISMATCH");
  });

  it("an offer already in the cart is not offered twice", () => {
    const byLine = cart({ lines: [line(), line({ key: "k2", productId: "200", variantId: "2001", offerId: "o1" })] });
    expect(codesOf(decide(config([offer()]), byLine, ctx(), memory(), NOW))).toContain("ALREADY_IN_CART");
    const byVariant = cart({ lines: [line(), line({ key: "k2", productId: "200", variantId: "2002" })] });
    expect(codesOf(decide(config([offer()]), byVariant, ctx(), memory(), NOW))).toContain("ALREADY_IN_CART");
  });
});

describe("decide: carts longer than the discount Function can price (decision 0095)", () => {
  /** The trigger line, then lines of other products, 1.00 each: `n` lines in all. */
  const longCart = (n: number) =>
    cart({ lines: [line(), ...Array.from({ length: n - 1 }, (_, i) => line({ key: `k${i + 2}`, productId: `9${i}`, variantId: `9${i}1`, unitPrice: 100 }))] });

  it("a discounted offer shows while the cart, its own line included, stays within the Function's lines", () => {
    expect(shown(decide(config([offer()]), longCart(FUNCTION_MAX_LINES - 1), ctx(), memory(), NOW))).toBe("o1");
    expect(codesOf(decide(config([offer()]), longCart(FUNCTION_MAX_LINES), ctx(), memory(), NOW))).toEqual(["CART_TOO_LARGE"]);
  });

  it("counts every product the offer would add", () => {
    const three = offer({ items: [0, 1, 2].map((k) => ({ productId: `20${k}`, handle: `h${k}`, variantIds: [`200${k + 1}`] })), capBps: 10000 });
    const c = (n: number) => ({ ...longCart(n), variants: { "2001": { unitPrice: 10, available: true }, "2002": { unitPrice: 10, available: true }, "2003": { unitPrice: 10, available: true } } });
    expect(shown(decide(config([three]), c(FUNCTION_MAX_LINES - 3), ctx(), memory(), NOW))).toBe("o1");
    expect(codesOf(decide(config([three]), c(FUNCTION_MAX_LINES - 2), ctx(), memory(), NOW))).toEqual(["CART_TOO_LARGE"]);
  });

  it("after payment no Function prices the offer, so the order's length does not matter", () => {
    const after = offer({ moments: ["POST_PURCHASE"] });
    expect(shown(decide(config([after]), longCart(3 * FUNCTION_MAX_LINES), ctx({ moment: "POST_PURCHASE" }), memory(), NOW))).toBe("o1");
  });

  it("an offer without a discount needs no Function and shows on any cart", () => {
    const plain = offer({ discount: { kind: "NONE" } });
    expect(shown(decide(config([plain]), longCart(3 * FUNCTION_MAX_LINES), ctx(), memory(), NOW))).toBe("o1");
  });

  it("a lower-priority offer without a discount shows instead of a discounted one the cart is too long for", () => {
    const discounted = offer({ priority: 2 });
    const plain = offer({ id: "o2", priority: 1, discount: { kind: "NONE" } });
    const r = decide(config([discounted, plain]), longCart(FUNCTION_MAX_LINES + 5), ctx(), memory(), NOW);
    expect(shown(r)).toBe("o2");
  });
});

describe("decide: frequency", () => {
  it("a dismissed offer stays hidden for the cooldown", () => {
    const m = memory({ dismissedAt: { o1: NOW - 6 * DAY } });
    expect(codesOf(decide(config([offer()]), cart(), ctx(), m, NOW))).toContain("FREQUENCY_DISMISSED");
  });

  it("a dismissed offer may return after the cooldown", () => {
    const m = memory({ dismissedAt: { o1: NOW - 7 * DAY } });
    expect(shown(decide(config([offer()]), cart(), ctx(), m, NOW))).toBe("o1");
  });

  it("an accepted offer is never shown again", () => {
    expect(codesOf(decide(config([offer()]), cart(), ctx(), memory({ accepted: ["o1"] }), NOW))).toContain("ALREADY_ACCEPTED");
  });

  it("an offer is not re-shown in the same session", () => {
    expect(codesOf(decide(config([offer()]), cart(), ctx(), memory({ shownOfferIds: ["o1"] }), NOW))).toContain("FREQUENCY_ALREADY_SHOWN");
  });

  it("at most maxPerSession popups per session", () => {
    const cfg = config([offer()], { maxPerSession: 2 });
    expect(shown(decide(cfg, cart(), ctx(), memory({ shownThisSession: 1 }), NOW))).toBe("o1");
    expect(codesOf(decide(cfg, cart(), ctx(), memory({ shownThisSession: 2 }), NOW))).toContain("FREQUENCY_SESSION_LIMIT");
  });
});

describe("decide: price cap", () => {
  it("an offer over the price cap is never shown", () => {
    // 30.00 added to a 100.00 cart is 30% > 25%
    const c = cart({ variants: { "2001": { unitPrice: 3000, available: true } } });
    const r = decide(config([offer({ discount: { kind: "NONE" } })]), c, ctx(), memory(), NOW);
    expect(r.show).toBe(false);
    const reason = (r as NoDecision).reasons[0];
    expect(reason?.codes).toContain("OVER_PRICE_CAP");
    expect(reason?.detail).toEqual({ increaseBps: 3000, capBps: 2500 });
  });

  it("the cap is measured after the discount", () => {
    // 30.00 at 20% off = 24.00, 24% of 100.00
    const c = cart({ variants: { "2001": { unitPrice: 3000, available: true } } });
    expect(shown(decide(config([offer({ discount: { kind: "PERCENT", bps: 2000 } })]), c, ctx(), memory(), NOW))).toBe("o1");
  });

  it("an offer exactly at the cap is shown", () => {
    const c = cart({ variants: { "2001": { unitPrice: 2500, available: true } } });
    expect(shown(decide(config([offer({ discount: { kind: "NONE" } })]), c, ctx(), memory(), NOW))).toBe("o1");
  });

  it("a cross-sell's base is the shopper's own lines, not earlier offer lines", () => {
    const c = cart({
      lines: [line(), line({ key: "k9", productId: "900", variantId: "9001", unitPrice: 50000, offerId: "earlier" })],
      variants: { "2001": { unitPrice: 3000, available: true } },
    });
    expect(codesOf(decide(config([offer({ discount: { kind: "NONE" } })]), c, ctx(), memory(), NOW))).toContain("OVER_PRICE_CAP");
  });

  it("an upsell swap is measured against the trigger line's price", () => {
    const up = offer({
      type: "UPSELL",
      items: [],
      discount: { kind: "NONE" },
      upgrades: [{ fromProductId: "100", to: { productId: "300", handle: "pro-model", variantIds: ["3001"] } }],
    });
    // two units of 100.00 -> 120.00: +40.00 on a 200.00 line is 20%; the unrelated 1.00 line plays no part
    const r = decide(config([up]), cart({ lines: [line({ quantity: 2 }), line({ key: "k2", productId: "555", variantId: "5551", unitPrice: 100 })] }), ctx(), memory(), NOW);
    expect(r.show && r.items[0]?.replacesLineKey).toBe("k1");
    expect(r.show && r.headroom).toBe(5000 - 4000); // 25% of 200.00 minus 2 x 20.00
    // 100.00 -> 130.00 is +30% of the line: over
    const over = cart({ variants: { "3001": { unitPrice: 13000, available: true } } });
    expect(codesOf(decide(config([up]), over, ctx(), memory(), NOW))).toContain("OVER_PRICE_CAP");
  });

  it("an empty cart cannot be capped, so nothing is offered into it", () => {
    const o = offer({ trigger: { match: "ANY", products: [], variants: [], collections: [], tags: [] } });
    const r = decide(config([o]), cart({ lines: [line({ unitPrice: 0 })] }), ctx(), memory(), NOW);
    expect(codesOf(r)).toContain("OVER_PRICE_CAP");
  });

  it("an offer whose prices are unknown waits for them", () => {
    expect(codesOf(decide(config([offer()]), cart({ variants: {} }), ctx(), memory(), NOW))).toContain("PRICE_UNKNOWN");
  });

  it("an unavailable product is not offered; a bundle needs all its items", () => {
    const sold = cart({ variants: { "2001": { unitPrice: 1500, available: false } } });
    expect(codesOf(decide(config([offer()]), sold, ctx(), memory(), NOW))).toContain("UNAVAILABLE");
    const two = [offer().items[0] as never, { productId: "210", handle: "laces", variantIds: ["2101"] }];
    const b = cart({ variants: { "2001": { unitPrice: 1000, available: true }, "2101": { unitPrice: 500, available: false } } });
    expect(codesOf(decide(config([offer({ type: "BUNDLE", items: two })]), b, ctx(), memory(), NOW))).toContain("UNAVAILABLE");
    expect(shown(decide(config([offer({ type: "CROSS_SELL", items: two })]), b, ctx(), memory(), NOW))).toBe("o1");
  });
});

describe("decide: choice and presentation", () => {
  it("the highest priority wins, ties break on id", () => {
    const cfg = config([offer({ id: "b", priority: 1 }), offer({ id: "a", priority: 1 }), offer({ id: "c", priority: 0 })]);
    expect(shown(decide(cfg, cart(), ctx(), memory(), NOW))).toBe("a");
    const cfg2 = config([offer({ id: "a", priority: 1 }), offer({ id: "z", priority: 5 })]);
    expect(shown(decide(cfg2, cart(), ctx(), memory(), NOW))).toBe("z");
  });

  it("the rule of three: never more than three items", () => {
    const items = ["1", "2", "3", "4"].map((n) => ({ productId: `20${n}`, handle: `p${n}`, variantIds: [`v${n}`] }));
    const variants = Object.fromEntries(items.map((i) => [i.variantIds[0] as string, { unitPrice: 100, available: true }]));
    const r = decide(config([offer({ items })]), cart({ variants }), ctx(), memory(), NOW);
    expect(r.show && r.items.length).toBe(3);
  });

  it("content falls back to the language, never to another one: without copy in the shopper's language the offer does not show (0074)", () => {
    const content = {
      en: { headline: "EN", body: "", accept: "Add", decline: "No" },
      pt: { headline: "PT", body: "", accept: "Sim", decline: "Não" },
    };
    const cfg = config([offer({ content })]);
    const pick = (locale: string) => {
      const r = decide(cfg, cart(), ctx({ locale }), memory(), NOW);
      return r.show ? r.content?.headline : undefined;
    };
    expect(pick("pt-BR")).toBe("PT");
    expect(pick("ar")).toBeUndefined();
    const r = decide(cfg, cart(), ctx({ locale: "ar" }), memory(), NOW);
    expect(!r.show && r.reasons[0]?.codes).toEqual(["NO_COPY"]);
    // The next offer with Arabic copy shows instead of none at all.
    const ar = { ar: { headline: "AR", body: "", accept: "أضف", decline: "لا" } };
    const both = config([offer({ id: "en-only", priority: 9, content }), offer({ id: "arabic", priority: 1, content: ar })]);
    const r2 = decide(both, cart(), ctx({ locale: "ar" }), memory(), NOW);
    expect(r2.show && [r2.offerId, r2.content.headline]).toEqual(["arabic", "AR"]);
  });

  it("with the offer's fallback flag, a shopper whose language has no copy gets the default locale's, marked as such (0091)", () => {
    const content = {
      en: { headline: "EN", body: "", accept: "Add", decline: "No" },
      pt: { headline: "PT", body: "", accept: "Sim", decline: "Não" },
    };
    const allowed = config([offer({ content, fallbackToDefaultLocale: true })]);
    const ar = decide(allowed, cart(), ctx({ locale: "ar" }), memory(), NOW);
    expect(ar.show && [ar.content.headline, ar.contentLocale]).toEqual(["EN", "en"]);
    // The shopper's own language (or its base) still wins, and is not marked.
    const pt = decide(allowed, cart(), ctx({ locale: "pt-BR" }), memory(), NOW);
    expect(pt.show && [pt.content.headline, pt.contentLocale]).toEqual(["PT", undefined]);
    // The default locale is the shop's setting, not English.
    const deShop = decide(config([offer({ content, fallbackToDefaultLocale: true })], { defaultLocale: "pt" }), cart(), ctx({ locale: "ar" }), memory(), NOW);
    expect(deShop.show && [deShop.content.headline, deShop.contentLocale]).toEqual(["PT", "pt"]);
    // No copy in the default locale either: nothing to fall back to.
    const noDefault = decide(config([offer({ content: { pt: content.pt }, fallbackToDefaultLocale: true })]), cart(), ctx({ locale: "ar" }), memory(), NOW);
    expect(!noDefault.show && noDefault.reasons[0]?.codes).toEqual(["NO_COPY"]);
    // Without the flag (absent or false): no offer, as before.
    for (const flag of [undefined, false]) {
      const r = decide(config([offer({ content, ...(flag === undefined ? {} : { fallbackToDefaultLocale: flag }) })]), cart(), ctx({ locale: "ar" }), memory(), NOW);
      expect(!r.show && r.reasons[0]?.codes).toEqual(["NO_COPY"]);
    }
  });

  it("urgency is honest: the end date is shown only when there is one and the merchant asked", () => {
    const r = decide(config([offer({ endsAt: NOW + DAY, urgency: { showEndDate: true, lowStockBelow: 3 } })]), cart(), ctx(), memory(), NOW);
    expect(r.show && r.endsAt).toBe(NOW + DAY);
    expect(r.show && r.lowStockBelow).toBe(3);
    const r2 = decide(config([offer({ urgency: { showEndDate: true } })]), cart(), ctx(), memory(), NOW);
    expect(r2.show && r2.endsAt).toBeUndefined();
  });

  it("every candidate is listed with all its reasons when nothing shows", () => {
    const cfg = config([offer({ id: "a", moments: ["CART"] }), offer({ id: "b", startsAt: NOW + DAY })]);
    const r = decide(cfg, cart({ lines: [line({ productId: "9" })] }), ctx(), memory({ shownThisSession: 1 }), NOW);
    expect(r.show).toBe(false);
    expect(codesOf(r, "a")).toEqual(["WRONG_MOMENT", "TRIGGER_NOT_IN_CART", "FREQUENCY_SESSION_LIMIT"]);
    expect(codesOf(r, "b")).toEqual(["NOT_IN_SCHEDULE", "TRIGGER_NOT_IN_CART", "FREQUENCY_SESSION_LIMIT"]);
  });
});

describe("decide: experiments", () => {
  const ab = offer({
    holdoutBps: 1000,
    abVariants: [
      { id: "a", weight: 1 },
      { id: "b", weight: 1, discount: { kind: "PERCENT", bps: 2000 }, delayMs: 0, content: { en: { headline: "B", body: "", accept: "Yes", decline: "No" } } },
    ],
  });

  it("holdout visitors see nothing but are counted", () => {
    const v = visitorWhere("o1", (b) => b < 1000);
    const r = decide(config([ab, offer({ id: "o2", priority: -1 })]), cart(), ctx({ visitorId: v }), memory(), NOW);
    expect(r.show).toBe(false);
    expect(r.show === false && r.holdout).toEqual({ offerId: "o1", bucket: "holdout" });
    expect(codesOf(r)).toEqual(["HOLDOUT"]);
    expect(codesOf(r, "o2")).toEqual(["LOWER_PRIORITY"]);
  });

  it("a variant overrides discount, delay and content", () => {
    const v = visitorWhere("o1", (b) => b >= 5500);
    const r = decide(config([ab]), cart(), ctx({ visitorId: v }), memory(), NOW);
    expect(r.show && [r.abVariantId, r.bucket, r.delayMs, r.content?.headline, r.items[0]?.discountedPrice]).toEqual(["b", "b", 0, "B", 1200]);
    const c = visitorWhere("o1", (b) => b >= 1000 && b < 5500);
    const rc = decide(config([ab]), cart(), ctx({ visitorId: c }), memory(), NOW);
    expect(rc.show && [rc.abVariantId, rc.bucket, rc.content?.headline]).toEqual(["a", "control", "Socks?"]);
  });

  it("with the fallback flag, each A/B variant falls back to its own default-locale copy (0091)", () => {
    const fallback = { ...ab, holdoutBps: 0, fallbackToDefaultLocale: true };
    const v = visitorWhere("o1", (b) => b >= 5000);
    const rb = decide(config([fallback]), cart(), ctx({ visitorId: v, locale: "ar" }), memory(), NOW);
    expect(rb.show && [rb.abVariantId, rb.content.headline, rb.contentLocale]).toEqual(["b", "B", "en"]);
    const c = visitorWhere("o1", (b) => b < 5000);
    const ra = decide(config([fallback]), cart(), ctx({ visitorId: c, locale: "ar" }), memory(), NOW);
    expect(ra.show && [ra.abVariantId, ra.content.headline, ra.contentLocale]).toEqual(["a", "Socks?", "en"]);
    const without = decide(config([{ ...fallback, fallbackToDefaultLocale: false }]), cart(), ctx({ visitorId: v, locale: "ar" }), memory(), NOW);
    expect(!without.show && without.reasons[0]?.codes).toEqual(["NO_COPY"]);
  });

  it("bucketing is stable for a visitor", () => {
    const runs = Array.from({ length: 5 }, () => decide(config([ab]), cart(), ctx({ visitorId: "stable-visitor" }), memory(), NOW));
    expect(new Set(runs.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(bucketOf("stable-visitor", "o1")).toBe(bucketOf("stable-visitor", "o1"));
  });

  it("weights split visitors in proportion", () => {
    const counts = { holdout: 0, a: 0, b: 0 };
    for (let i = 0; i < 20000; i++) {
      const r = decide(config([ab]), cart(), ctx({ visitorId: `visitor-${i}` }), memory(), NOW);
      if (r.show) counts[r.abVariantId as "a" | "b"]++;
      else if (r.holdout) counts.holdout++;
    }
    expect(counts.holdout / 20000).toBeCloseTo(0.1, 1);
    expect(counts.a / 20000).toBeCloseTo(0.45, 1);
    expect(counts.b / 20000).toBeCloseTo(0.45, 1);
  });
});
