/* Builders for engine tests: a valid default for every field, overridden per test. */
import type { Cart, CartLine, CompiledOffer, FrequencyMemory, ShopperContext, StorefrontConfig } from "./types";

export const NOW = Date.UTC(2026, 5, 1, 12);
export const DAY = 86_400_000;

export function offer(over: Partial<CompiledOffer> = {}): CompiledOffer {
  return {
    id: "o1",
    type: "CROSS_SELL",
    priority: 0,
    moments: ["ADD_TO_CART", "CART"],
    trigger: { match: "ANY", products: ["100"], variants: [], collections: [], tags: [] },
    segment: { customer: "ANY", tagsInclude: [], tagsExclude: [], history: "ANY", countries: [], markets: [], locales: [] },
    items: [{ productId: "200", handle: "wool-socks", variantIds: ["2001", "2002"] }],
    upgrades: [],
    discount: { kind: "PERCENT", bps: 1000 },
    capBps: 2500,
    delayMs: 800,
    urgency: { showEndDate: false },
    content: { en: { headline: "Socks?", body: "Warm feet.", accept: "Add", decline: "No thanks" } },
    abVariants: [],
    holdoutBps: 0,
    ...over,
  };
}

export function config(offers: CompiledOffer[], settings: Partial<StorefrontConfig["settings"]> = {}): StorefrontConfig {
  return {
    v: 1,
    settings: { capBps: 2500, maxPerSession: 1, cooldownDays: 7, paused: false, defaultLocale: "en", style: { accent: "#000000", radius: 8, position: "center", scheme: "light" }, ...settings },
    offers,
  };
}

export function line(over: Partial<CartLine> = {}): CartLine {
  return { key: "k1", productId: "100", variantId: "1001", quantity: 1, unitPrice: 10000, ...over };
}

/** A cart with one 100.00 trigger line and prices for the default offered variants. */
export function cart(over: Partial<Cart> = {}): Cart {
  return {
    currency: "EUR",
    rateMicros: 1_000_000,
    lines: [line()],
    variants: {
      "2001": { unitPrice: 1500, available: true },
      "2002": { unitPrice: 1500, available: true },
      "3001": { unitPrice: 12000, available: true },
    },
    ...over,
  };
}

export function ctx(over: Partial<ShopperContext> = {}): ShopperContext {
  return { moment: "ADD_TO_CART", loggedIn: false, customerTags: [], locale: "en", visitorId: "visitor-1", ...over };
}

export function memory(over: Partial<FrequencyMemory> = {}): FrequencyMemory {
  return { shownThisSession: 0, dismissedAt: {}, accepted: [], shownOfferIds: [], ...over };
}
