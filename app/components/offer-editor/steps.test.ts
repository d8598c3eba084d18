import { describe, expect, it } from "vitest";
import { newOfferState } from "../offer-form";
import { firstStepWithError, reviewLines, STEPS, stepOfField } from "./steps";

describe("the editor's steps", () => {
  it("follow the merchant's thinking: when, what, say, who, then check", () => {
    expect(STEPS.map((s) => s.label)).toEqual(["When", "What", "Say", "Who", "Check"]);
  });

  it("place every field the server's schema can refuse on the step that shows it", () => {
    expect(stepOfField("moments")).toBe("when");
    expect(stepOfField("definition.trigger.subtotalMin")).toBe("when");
    expect(stepOfField("definition.startsAtLocal")).toBe("when");
    expect(stepOfField("type")).toBe("what");
    expect(stepOfField("definition.items.0")).toBe("what");
    expect(stepOfField("definition.discount.amount")).toBe("what");
    expect(stepOfField("definition.capBps")).toBe("what");
    expect(stepOfField("definition.content.en.headline")).toBe("say");
    expect(stepOfField("definition.urgency.showEndDate")).toBe("say");
    expect(stepOfField("definition.segment.countries.0")).toBe("who");
    expect(stepOfField("priority")).toBe("check");
    expect(stepOfField("definition.abVariants.1.weight")).toBe("check");
    // The name sits above the steps and the form's own errors in the banner: no step to open.
    expect(stepOfField("name")).toBeNull();
    expect(stepOfField("form")).toBeNull();
  });

  it("a refused save opens the earliest step with an error, whatever order the errors came in", () => {
    expect(firstStepWithError({ "definition.content.en.headline": "Required", "definition.items": "Offer at least one product", name: "Name is required" })).toBe("what");
    expect(firstStepWithError({ name: "Name is required" })).toBeNull();
  });

  it("the review says in plain words when, what, what it says and to whom", () => {
    const s = {
      ...newOfferState({ locale: "en", texts: { en: { headline: "Complete the look", body: "", accept: "Add", decline: "No" } }, timezone: "UTC" }),
      moments: ["ADD_TO_CART", "CART"],
      trigger: { ...newOfferState({ locale: "en", texts: {}, timezone: "UTC" }).trigger, products: [{ id: "gid://shopify/Product/1", title: "Trail sneakers", handle: "trail-sneakers" }] },
      items: [{ productId: "gid://shopify/Product/2", handle: "merino-socks", title: "Merino socks", variantIds: ["gid://shopify/ProductVariant/20"], variantTitles: [""] }],
      discount: { kind: "PERCENT" as const, percent: "10", amount: "" },
    };
    const lines = reviewLines(s, { currency: "EUR", defaultCapBps: 2500 });
    expect(lines.when).toBe("After add-to-cart or cart page and drawer, when the cart has Trail sneakers.");
    expect(lines.what).toBe("Cross-sell. Offers Merino socks 10% off; hidden if accepting raises the cart by more than 25% (shop default).");
    expect(lines.say).toBe("“Complete the look” in en.");
    expect(lines.who).toBe("Every shopper.");
    expect(reviewLines({ ...s, segment: { ...s.segment, customer: "LOGGED_IN", countries: "de, fr" } }, { currency: "EUR", defaultCapBps: 2500 }).who).toBe("Only logged-in customers, in DE, FR.");
  });
});
