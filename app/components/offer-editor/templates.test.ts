import { describe, expect, it } from "vitest";
import { parseOfferInput } from "../../offers/offer.schema";
import { newOfferState, toOfferPayload, type OfferedProduct } from "../offer-form";
import { applyTemplate, OFFER_TEMPLATES, suggestedName, templateById, withTemplatePicks, type OfferTemplate, type TemplatePicks } from "./templates";

const product = (n: number, title: string): OfferedProduct => ({
  productId: `gid://shopify/Product/${n}`,
  handle: title.toLowerCase().replace(/\W+/g, "-"),
  title,
  variantIds: [`gid://shopify/ProductVariant/${n}0`],
  variantTitles: ["Default Title"],
});
const SNEAKERS = product(1, "Trail sneakers");
const SOCKS = product(2, "Merino socks");
const PRO = product(3, "Trail sneakers Pro");

const fresh = (locale = "en") =>
  newOfferState({ locale, texts: { [locale]: { headline: "Shop headline", body: "Shop body", accept: "Add", decline: "No thanks" } }, timezone: "Europe/Berlin" });

/** What the guided pickers return for each template, as a merchant would answer them. */
function picksFor(t: OfferTemplate): TemplatePicks {
  const picks: TemplatePicks = {};
  for (const pick of t.picks) {
    if (pick === "trigger") picks.trigger = [{ id: SNEAKERS.productId, title: SNEAKERS.title, handle: SNEAKERS.handle }];
    if (pick === "add-on" || pick === "offered") picks.offered = [SOCKS];
    if (pick === "upgrade") picks.upgrade = { from: SNEAKERS, to: PRO };
  }
  return picks;
}

describe("offer templates", () => {
  it("cover the four common offers", () => {
    expect(OFFER_TEMPLATES.map((t) => t.title)).toEqual(["Add-on after add-to-cart", "Upgrade on the cart", "Last chance before checkout", "Bundle"]);
  });

  it.each(OFFER_TEMPLATES.map((t) => [t.title, t] as const))("%s, once its products are chosen, is an offer the server's schema accepts, with no typing", (_, t) => {
    const state = withTemplatePicks(applyTemplate(fresh(), t), t, picksFor(t));
    const parsed = parseOfferInput({ ...toOfferPayload(state, null, "EUR"), status: "ACTIVE" }, "EUR");
    expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([]);
    expect(parsed.data).toMatchObject({ type: t.type, moments: t.moments, status: "ACTIVE" });
    expect(parsed.data?.name).not.toBe("");
  });

  it("the add-on template triggers on the chosen product and offers the add-on without a discount", () => {
    const t = templateById("add-on")!;
    const state = withTemplatePicks(applyTemplate(fresh(), t), t, picksFor(t));
    const payload = toOfferPayload(state, null, "EUR");
    expect(payload.definition.trigger.products.map((p) => p.id)).toEqual([SNEAKERS.productId]);
    expect(payload.definition.items.map((i) => i.productId)).toEqual([SOCKS.productId]);
    expect(payload.definition.discount).toEqual({ kind: "NONE" });
    expect(payload.moments).toEqual(["ADD_TO_CART"]);
    expect(state.name).toBe("Merino socks with Trail sneakers");
  });

  it("the bundle and last-chance templates carry a whole-percent discount in basis points", () => {
    const bundle = templateById("bundle")!;
    const lastChance = templateById("last-chance")!;
    expect(toOfferPayload(applyTemplate(fresh(), bundle), null, "EUR").definition.discount).toEqual({ kind: "PERCENT", bps: 1500 });
    expect(toOfferPayload(applyTemplate(fresh(), lastChance), null, "EUR").definition.discount).toEqual({ kind: "PERCENT", bps: 1000 });
    // Last chance shows for any cart: no trigger products to choose.
    expect(lastChance.picks).toEqual(["offered"]);
  });

  it("the upgrade template swaps the chosen product for its better version and offers no discount", () => {
    const t = templateById("cart-upgrade")!;
    const payload = toOfferPayload(withTemplatePicks(applyTemplate(fresh(), t), t, picksFor(t)), null, "EUR");
    expect(payload.definition.upgrades).toEqual([
      { from: { productId: SNEAKERS.productId, variantId: SNEAKERS.variantIds[0], title: "Trail sneakers" }, to: { productId: PRO.productId, handle: PRO.handle, title: PRO.title, variantIds: PRO.variantIds } },
    ]);
    expect(payload.definition.discount).toEqual({ kind: "NONE" });
  });

  it("writes English copy only into an English default locale; another language keeps the shop's own default texts", () => {
    const t = templateById("add-on")!;
    expect(applyTemplate(fresh("en"), t).content.en).toMatchObject({ headline: t.copy.headline, accept: t.copy.accept, body: "Shop body" });
    expect(applyTemplate(fresh("de"), t).content.de).toEqual({ headline: "Shop headline", body: "Shop body", accept: "Add", decline: "No thanks" });
  });

  it("keeps a name the merchant typed, and never suggests one over the schema's 100 characters", () => {
    const t = templateById("add-on")!;
    const named = withTemplatePicks({ ...applyTemplate(fresh(), t), name: "My socks offer" }, t, picksFor(t));
    expect(named.name).toBe("My socks offer");
    const long = product(9, "x".repeat(140));
    expect(suggestedName(t, { trigger: [{ id: long.productId, title: long.title, handle: long.handle }], offered: [SOCKS] }).length).toBeLessThanOrEqual(100);
  });

  it("a cancelled picker leaves the products it did not get empty, so the schema reports them on their field", () => {
    const t = templateById("add-on")!;
    const state = withTemplatePicks(applyTemplate(fresh(), t), t, { trigger: [{ id: SNEAKERS.productId, title: SNEAKERS.title, handle: SNEAKERS.handle }] });
    const parsed = parseOfferInput(toOfferPayload(state, null, "EUR"), "EUR");
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toContain("definition.items");
  });
});
