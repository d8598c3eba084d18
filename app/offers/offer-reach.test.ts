import { describe, expect, it } from "vitest";
import { offerReach, reachProductIds, type ReachProduct } from "./offer-reach";
import { offerInputSchema, type OfferRecord } from "./offer.schema";
import { shopSettingsSchema } from "./settings.schema";

const settings = shopSettingsSchema.parse({});
const NOW = Date.UTC(2026, 10, 30, 12);
const gid = (kind: string, id: number) => `gid://shopify/${kind}/${id}`;
const product = (id: number, title: string, price: string, available = true): ReachProduct => ({ id: gid("Product", id), title, variants: { nodes: [{ id: gid("ProductVariant", id * 10), price, availableForSale: available }] } });
const ref = (p: ReachProduct) => ({ id: p.id, title: p.title, handle: p.title.toLowerCase().replace(/ /g, "-") });
const offered = (p: ReachProduct) => ({ productId: p.id, handle: ref(p).handle, title: p.title, variantIds: [gid("ProductVariant", Number(p.id.split("/").pop()) * 10)] });

const BATTERIES = product(1, "Rechargeable AA Batteries", "8.00");
const HEADLAMP = product(2, "Trail Headlamp", "35.00");
const RUNNERS = product(3, "Trail Runner", "150.00");
const SOCKS = product(4, "Merino Socks", "16.00");

function record(over: { trigger?: ReachProduct[]; items?: ReachProduct[]; definition?: Record<string, unknown> } = {}): OfferRecord {
  const input = offerInputSchema.parse({
    name: "Headlamp with batteries",
    status: "ACTIVE",
    type: "CROSS_SELL",
    moments: ["ADD_TO_CART"],
    definition: {
      trigger: { products: (over.trigger ?? [BATTERIES]).map(ref) },
      items: (over.items ?? [HEADLAMP]).map(offered),
      content: { en: { headline: "Light the trail", body: "", accept: "Add", decline: "No thanks" } },
      ...over.definition,
    },
  });
  return { id: "o1", ...input };
}

describe("whether an active offer can show at all (0075)", () => {
  it("the demo's headlamp: over its 25% cap for its only trigger, with the cap that would let it show", () => {
    const r = offerReach(record(), settings, [BATTERIES, HEADLAMP], "EUR", NOW);
    expect(r).toEqual({
      kind: "NEVER",
      code: "OVER_PRICE_CAP",
      message: "Over its 25% cap for every trigger: adding Trail Headlamp to a cart of its trigger product raises it by 438%.",
      fix: "Raise the cap to 440%, or offer a cheaper product.",
    });
  });

  it("an automatic cross-sell is never judged from a sample cart: its products are chosen per cart (0085)", () => {
    const r = offerReach(record({ items: [], definition: { productsFrom: "RECOMMENDED" } }), settings, [BATTERIES], "EUR", NOW);
    expect(r).toEqual({ kind: "UNKNOWN", why: "Its products are recommended for each cart; only the preview and the storefront can try them." });
  });

  it("shows when one trigger product's cart fits the cap, though another's does not", () => {
    expect(offerReach(record({ trigger: [BATTERIES, RUNNERS] }), settings, [BATTERIES, RUNNERS, HEADLAMP], "EUR", NOW)).toEqual({ kind: "SHOWS" });
    expect(offerReach(record({ trigger: [RUNNERS], items: [SOCKS] }), settings, [RUNNERS, SOCKS], "EUR", NOW)).toEqual({ kind: "SHOWS" });
  });

  it("a sold-out offered product, named", () => {
    const r = offerReach(record({ trigger: [RUNNERS], items: [SOCKS] }), settings, [RUNNERS, { ...SOCKS, variants: { nodes: [{ ...SOCKS.variants.nodes[0]!, availableForSale: false }] } }], "EUR", NOW);
    expect(r).toMatchObject({ kind: "NEVER", code: "UNAVAILABLE", message: "Merino Socks is sold out or unavailable." });
  });

  it("a schedule that has ended, but not one that has yet to start", () => {
    const ended = record({ trigger: [RUNNERS], items: [SOCKS], definition: { timezone: "UTC", endsAtLocal: "2026-11-01T00:00" } });
    expect(offerReach(ended, settings, [RUNNERS, SOCKS], "EUR", NOW)).toMatchObject({ kind: "NEVER", code: "NOT_IN_SCHEDULE", message: "Its schedule has ended." });
    const later = record({ trigger: [RUNNERS], items: [SOCKS], definition: { timezone: "UTC", startsAtLocal: "2027-01-01T00:00" } });
    expect(offerReach(later, settings, [RUNNERS, SOCKS], "EUR", NOW)).toEqual({ kind: "SHOWS" });
  });

  it("an audience that speaks only a language the offer has no copy in", () => {
    const r = offerReach(record({ trigger: [RUNNERS], items: [SOCKS], definition: { segment: { locales: ["ar"] } } }), settings, [RUNNERS, SOCKS], "EUR", NOW);
    expect(r).toMatchObject({ kind: "NEVER", code: "NO_COPY", message: "The offer has no Arabic text, so Arabic shoppers do not see it." });
    expect(r.kind === "NEVER" && r.fix).toBe("Add Arabic text to the offer, or let it show the default language where no translation exists (Say).");
    // Allowed to fall back to the default language (0091), the same audience sees the English text.
    const allowed = offerReach(record({ trigger: [RUNNERS], items: [SOCKS], definition: { segment: { locales: ["ar"] }, fallbackToDefaultLocale: true } }), settings, [RUNNERS, SOCKS], "EUR", NOW);
    expect(allowed).toEqual({ kind: "SHOWS" });
  });

  it("never claims 'never' for what another cart or shopper could change", () => {
    // A minimum cart value one unit does not reach: a bigger cart can.
    expect(offerReach(record({ trigger: [RUNNERS], items: [SOCKS], definition: { trigger: { products: [ref(RUNNERS)], subtotalMin: 50000 } } }), settings, [RUNNERS, SOCKS], "EUR", NOW)).toEqual({ kind: "SHOWS" });
    // Triggered by a collection: no trigger product to try.
    expect(offerReach(record({ definition: { trigger: { collections: [{ id: gid("Collection", 9), title: "Lights" }] } } }), settings, [HEADLAMP], "EUR", NOW).kind).toBe("UNKNOWN");
    // Shopify no longer has the trigger product.
    expect(offerReach(record(), settings, [HEADLAMP], "EUR", NOW).kind).toBe("UNKNOWN");
  });

  it("asks for the trigger and offered products' prices", () => {
    expect(reachProductIds([record()]).sort()).toEqual(["1", "2"]);
  });
});
