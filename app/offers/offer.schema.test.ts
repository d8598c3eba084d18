import { describe, expect, it } from "vitest";
import { z } from "zod";
import { definitionInput } from "./offer-fixtures";
import { UPSELL_DISCOUNT_MESSAGE, offerDefinitionSchema, offerInputSchema, offerRecordFromRow, parseMoments } from "./offer.schema";
import { DEFAULT_STYLE, settingsFromRow, shopSettingsSchema } from "./settings.schema";

const messages = (r: { success: boolean; error?: z.ZodError }) => (r.error ? r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) : []);
const form = (over: Record<string, unknown> = {}, def: Record<string, unknown> = {}) =>
  offerInputSchema.safeParse({ name: "Socks", type: "CROSS_SELL", moments: ["CART"], definition: definitionInput(def), ...over });

describe("offer schema", () => {
  it("a complete offer parses, with defaults filled in", () => {
    const r = form();
    expect(r.success).toBe(true);
    expect(r.data?.definition.capBps).toBeNull();
    expect(r.data?.definition.segment.customer).toBe("ANY");
    expect(r.data?.status).toBe("DRAFT");
  });

  it("the price cap must be between 1% and 100%", () => {
    expect(messages(form({}, { capBps: 0 }))).toContain("definition.capBps: Price cap must be between 1% and 100%");
    expect(messages(form({}, { capBps: 10001 }))).toContain("definition.capBps: Price cap must be between 1% and 100%");
    expect(form({}, { capBps: 2000 }).success).toBe(true);
  });

  it("the rule of three: at most three offered products", () => {
    const item = definitionInput().items?.[0];
    expect(messages(form({}, { items: [item, item, item, item] }))).toContain("definition.items: Offer at most 3 products (the rule of three)");
  });

  it("an upsell needs an upgrade and a cross-sell needs a product", () => {
    expect(messages(form({ type: "UPSELL" }))).toEqual(expect.arrayContaining(["definition.upgrades: An upsell needs at least one upgrade", "definition.items: An upsell swaps products; add them as upgrades"]));
    expect(messages(form({}, { items: [] }))).toContain("definition.items: Offer at least one product");
  });

  it("an upsell carries no discount, at the offer or in an A/B variant: checkout could not honour it", () => {
    const upgrade = { from: { productId: "gid://shopify/Product/100", title: "Phone X" }, to: { productId: "gid://shopify/Product/101", handle: "phone-x-pro", title: "Phone X Pro", variantIds: ["gid://shopify/ProductVariant/1011"] } };
    const upsell = (def: Record<string, unknown>) => form({ type: "UPSELL" }, { items: [], upgrades: [upgrade], ...def });
    expect(messages(upsell({}))).toContain(`definition.discount: ${UPSELL_DISCOUNT_MESSAGE}`);
    const variants = [{ id: "a", name: "Control", weight: 1 }, { id: "b", name: "Cheaper", weight: 1, discount: { kind: "FIXED", amount: 500 } }];
    expect(messages(upsell({ discount: { kind: "NONE" }, abVariants: variants }))).toEqual([`definition.abVariants.1.discount: ${UPSELL_DISCOUNT_MESSAGE}`]);
    expect(upsell({ discount: { kind: "NONE" } }).success).toBe(true);
  });

  it("a bundle needs a discount", () => {
    expect(messages(form({ type: "BUNDLE" }, { discount: { kind: "NONE" } }))).toContain("definition.discount: A bundle needs a discount");
  });

  it("at least one moment, and popup text in at least one language", () => {
    expect(messages(form({ moments: [] }))).toContain("moments: Choose at least one moment");
    expect(messages(form({}, { content: {} }))).toContain("definition.content: Write the popup text in at least one language");
  });

  it("the end must come after the start, and an end date is shown only when there is one", () => {
    expect(messages(form({}, { startsAtLocal: "2026-05-02T10:00", endsAtLocal: "2026-05-01T10:00" }))).toContain("definition.endsAtLocal: The end must be after the start");
    expect(messages(form({}, { urgency: { lowStockBelow: null, showEndDate: true } }))).toContain("definition.urgency.showEndDate: An end date can only be shown when the offer has one");
  });

  it("an unknown time zone is refused by name", () => {
    expect(messages(form({}, { timezone: "Mars/Olympus" }))).toContain("definition.timezone: Choose a valid time zone such as Europe/Berlin");
  });

  it("A/B tests have two to four variants with unique ids and a holdout of at most 50%", () => {
    const v = (id: string) => ({ id, weight: 1 });
    expect(messages(form({}, { abVariants: [v("a")] }))).toContain("definition.abVariants: An A/B test needs at least two variants");
    expect(messages(form({}, { abVariants: [v("a"), v("a")] }))).toContain("definition.abVariants: A/B variant ids must be unique");
    expect(messages(form({}, { abVariants: ["a", "b", "c", "d", "e"].map(v) }))).toContain("definition.abVariants: Use at most 4 A/B variants");
    expect(messages(form({}, { holdoutBps: 6000 }))).toContain("definition.holdoutBps: Holdout must be between 0% and 50%");
  });

  it("product ids must be Shopify ids (gid or numeric)", () => {
    const bad = { productId: "not-an-id", handle: "x", variantIds: ["1"] };
    expect(messages(form({}, { items: [bad] }))).toContain("definition.items.0.productId: That product id is not a Shopify id");
  });

  it("a percentage discount is between 0.01% and 100%", () => {
    expect(messages(form({}, { discount: { kind: "PERCENT", bps: 0 } }))).toContain("definition.discount.bps: Percentage discount must be between 0.01% and 100%");
  });

  it("a stored row parses into an OfferRecord, and moments split from the column", () => {
    const row = { id: "x", name: "n", status: "ACTIVE", type: "UPSELL", priority: 1, moments: "CART, THANK_YOU", definition: offerDefinitionSchema.parse(definitionInput()) };
    expect(offerRecordFromRow(row).type).toBe("UPSELL");
    expect(parseMoments(row.moments)).toEqual(["CART", "THANK_YOU"]);
    expect(() => offerRecordFromRow({ ...row, status: "LIVE" })).toThrow();
  });
});

describe("settings schema", () => {
  it("defaults to a 25% cap, one popup per session and a 7-day cooldown", () => {
    expect(shopSettingsSchema.parse({})).toMatchObject({ capBps: 2500, maxPerSession: 1, cooldownDays: 7, paused: false, defaultLocale: "en" });
  });

  it("explains out-of-range settings in the merchant's terms", () => {
    const r = shopSettingsSchema.safeParse({ capBps: 50, maxPerSession: 0, cooldownDays: 400, defaultLocale: "English" });
    expect(messages(r)).toEqual([
      "capBps: Price cap must be between 1% and 100%",
      "maxPerSession: Popups per session must be between 1 and 10",
      "cooldownDays: Cooldown must be between 0 and 365 days",
      'defaultLocale: Use a language code such as "en", "ar" or "pt-BR"',
    ]);
  });

  it("a row with a broken style falls back to the default style", () => {
    expect(settingsFromRow({ capBps: 2500, maxPerSession: 1, cooldownDays: 7, paused: false, defaultLocale: "en", style: { accent: "red" } }).style).toEqual(DEFAULT_STYLE);
  });
});
