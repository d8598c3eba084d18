import { signal } from "@preact/signals";
import { vi } from "vitest";
import { CONFIG_VERSION, encodeStorefrontConfig, type CompiledOffer, type StorefrontConfig } from "@tactful/engine";
import { checkoutMetafields } from "../../../app/offers/checkout-metafields";
import en from "../locales/en.default.json";
import type { CheckoutLine } from "./read-checkout";

/*
 * A `shopify` global shaped as the checkout UI extension docs describe it
 * (signals with .value, i18n, storage, query, applyCartLinesChange), with
 * the config written by the engine's own encoder as the admin sync does.
 * Test-only.
 */

export function offer(o: Partial<CompiledOffer> & { id: string }): CompiledOffer {
  return {
    type: "CROSS_SELL",
    priority: 0,
    moments: ["CHECKOUT", "THANK_YOU"],
    trigger: { match: "ANY", products: ["111"], variants: [], collections: [], tags: [] },
    segment: { customer: "ANY", tagsInclude: [], tagsExclude: [], history: "ANY", countries: [], markets: [], locales: [] },
    items: [{ productId: "221", handle: "wool-socks", variantIds: ["222"] }],
    upgrades: [],
    discount: { kind: "PERCENT", bps: 2000 },
    capBps: 2500,
    delayMs: 0,
    urgency: { showEndDate: false },
    content: { en: { headline: "Keep your feet dry", body: "Merino, made to last.", accept: "Add socks", decline: "Not now" } },
    abVariants: [],
    holdoutBps: 0,
    ...o,
  };
}

export function storefrontConfig(...offers: CompiledOffer[]): StorefrontConfig {
  return {
    v: CONFIG_VERSION,
    settings: { capBps: 2500, maxPerSession: 3, cooldownDays: 7, paused: false, defaultLocale: "en", style: { accent: "#005bd3", radius: 8, position: "bottom", scheme: "light" } },
    offers,
  };
}

export function line(id: string, variant: string, product: string, amount: number, quantity = 1, attributes: { key: string; value: string }[] = []): CheckoutLine {
  return {
    id: `gid://shopify/CartLine/${id}`,
    quantity,
    merchandise: { id: `gid://shopify/ProductVariant/${variant}`, product: { id: `gid://shopify/Product/${product}` } },
    cost: { totalAmount: { amount: amount * quantity, currencyCode: "USD" } },
    attributes,
  };
}

/** An appMetafields entry as checkout serves a Shop metafield the extension declares. */
export const shopEntry = (m: { namespace: string; key: string; value: string; type?: string }) => ({
  target: { type: "shop", id: "gid://shopify/Shop/1" },
  metafield: { namespace: m.namespace, key: m.key, value: m.value, type: m.type ?? "json", valueType: "json_string" },
});

export interface StubOptions {
  config?: StorefrontConfig | string | null;
  /** appMetafields exactly as given (e.g. what a sync wrote), instead of `config`. */
  entries?: ReturnType<typeof shopEntry>[];
  /** The buyer's language (localization.language). */
  locale?: string;
  lines?: CheckoutLine[];
  attributes?: { key: string; value: string }[];
  currency?: string;
  shopCurrency?: string;
  storage?: Map<string, unknown>;
  apply?: (change: unknown) => Promise<{ type: "success" } | { type: "error"; message: string }>;
  /** instructions.attributes.canUpdateAttributes (true unless given). */
  canUpdateAttributes?: boolean;
  /** Thank-you: no applyCartLinesChange nor applyAttributeChange, as Shopify's thank-you target. */
  thankYou?: boolean;
  variants?: Record<string, { price: string; available?: boolean; title?: string }>;
}

const interpolate = (s: string, values: Record<string, string> = {}) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? "");

export function stubShopify(o: StubOptions = {}) {
  const cfg = o.config === undefined ? storefrontConfig(offer({ id: "o1" })) : o.config;
  // As the admin sync writes it: on the Shop, `$app:tactful`, config plus the locale groups (shop published in the offers' locales).
  const written =
    cfg === null
      ? []
      : typeof cfg === "string"
        ? [{ key: "config", value: cfg }]
        : checkoutMetafields(cfg, encodeStorefrontConfig(cfg).config, { primary: cfg.settings.defaultLocale, published: [...new Set(cfg.offers.flatMap((x) => Object.keys(x.content ?? {})))] });
  const entries = o.entries ?? written.map((m) => shopEntry({ namespace: "$app:tactful", ...m }));
  const currency = o.currency ?? "USD";
  const storage = o.storage ?? new Map<string, unknown>();
  const variants = o.variants ?? { "222": { price: "20.0", title: "Wool socks" } };
  const query = vi.fn(async (_q: string, opts?: { variables?: Record<string, unknown> }) => {
    const asked = (opts?.variables?.variants as string[] | undefined) ?? [];
    return {
      data: {
        shop: { paymentSettings: { currencyCode: o.shopCurrency ?? currency } },
        variants: asked.map((gid) => {
          const v = variants[gid.slice(gid.lastIndexOf("/") + 1)];
          return v
            ? { id: gid, title: "Default Title", availableForSale: v.available ?? true, price: { amount: v.price, currencyCode: currency }, image: { url: "https://cdn.example/socks.png", altText: "Grey socks" }, product: { title: v.title ?? "Item", featuredImage: null } }
            : null;
        }),
        products: [],
      },
    };
  });
  const apply = vi.fn(o.apply ?? (async () => ({ type: "success" as const })));
  const attributes = signal(o.attributes ?? []);
  // As checkout applies it: the attribute is set or replaced, and the signal carries the new list.
  const applyAttribute = vi.fn(async (change: { type: "updateAttribute"; key: string; value: string }) => {
    attributes.value = [...attributes.value.filter((a) => a.key !== change.key), { key: change.key, value: change.value }];
    return { type: "success" as const };
  });
  const checkoutOnly = o.thankYou ? {} : { applyCartLinesChange: apply, applyAttributeChange: applyAttribute, instructions: signal({ attributes: { canUpdateAttributes: o.canUpdateAttributes ?? true } }) };
  const shopify = {
    lines: signal(o.lines ?? [line("1", "110", "111", 100)]),
    appMetafields: signal(entries),
    attributes,
    localization: {
      language: signal({ isoCode: o.locale ?? "en" }),
      currency: signal({ isoCode: currency }),
      country: signal({ isoCode: "US" }),
      market: signal({ id: "gid://shopify/Market/1", handle: "us" }),
      timezone: signal("America/New_York"),
      extensionLanguage: signal({ isoCode: "en" }),
    },
    buyerIdentity: { customer: signal(undefined), email: signal(undefined), phone: signal(undefined), purchasingCompany: signal(undefined) },
    query,
    storage: {
      read: vi.fn(async (k: string) => (storage.has(k) ? structuredClone(storage.get(k)) : null)),
      write: vi.fn(async (k: string, v: unknown) => void storage.set(k, structuredClone(v))),
      delete: vi.fn(async (k: string) => void storage.delete(k)),
    },
    i18n: {
      translate: (key: string, values?: Record<string, string>) => interpolate((en as Record<string, string>)[key] ?? key, values),
      formatCurrency: (n: number, opts?: Intl.NumberFormatOptions) => new Intl.NumberFormat("en-US", { style: "currency", currency, ...opts }).format(n),
      formatNumber: (n: number) => String(n),
      formatDate: (d: Date) => d.toISOString(),
    },
    shop: { id: "gid://shopify/Shop/1", name: "Demo", myshopifyDomain: "demo.myshopify.com", storefrontUrl: "https://demo.example" },
    checkoutToken: signal("tok-1"),
    ...checkoutOnly,
    orderConfirmation: signal({ order: { id: "gid://shopify/OrderIdentity/1" }, number: "1001", isFirstOrder: true }),
    sessionToken: { get: vi.fn(async () => "checkout-session-token") },
  };
  (globalThis as unknown as { shopify: unknown }).shopify = shopify;
  return { shopify, query, apply, applyAttribute, attributes, storage };
}
