import type { Content, RecSource } from "@tactful/engine/types";
import type { OfferDefinition } from "../offers/offer.schema";
import { bpsToPercent, minorToMoney, moneyToMinor, percentToBps, toInt } from "./form-utils";

/*
 * The editor's state: the offer model with numbers kept as the text the
 * merchant typed. toOfferPayload() builds exactly the shape offerInputSchema
 * parses on the server, so every error comes back keyed by the schema's own
 * path ("definition.items", "definition.content.en.headline").
 */

export type OfferType = "UPSELL" | "CROSS_SELL" | "BUNDLE";
export type Status = "DRAFT" | "ACTIVE" | "PAUSED" | "ARCHIVED";
export type DiscountKind = "NONE" | "PERCENT" | "FIXED";

/** The popup's words for one locale: the engine's Content, as typed. */
export type ContentText = Content;
export interface Ref {
  id: string;
  title: string;
}
export interface ProductRef extends Ref {
  handle: string;
}
export interface OfferedProduct {
  productId: string;
  handle: string;
  title: string;
  variantIds: string[];
  variantTitles: string[];
}
export interface Upgrade {
  from: { productId: string; variantId: string | null; title: string };
  to: OfferedProduct;
}
export interface DiscountState {
  kind: DiscountKind;
  percent: string;
  amount: string;
}
export interface AbVariantState {
  id: string;
  name: string;
  weight: string;
  /** Overrides for the first locale only; the offer's copy fills the rest. */
  overrideContent: boolean;
  content: ContentText;
  overrideDiscount: boolean;
  discount: DiscountState;
  delaySeconds: string;
}

/** A cross-sell's products: a fixed list, or recommended for the trigger (decision record 0085). */
export interface RecommendationState {
  /** In order; the first fills the places first. */
  sources: RecSource[];
  excludeProducts: ProductRef[];
  excludeCollections: Ref[];
  excludeTags: string;
}

export interface OfferFormState {
  name: string;
  status: Status;
  type: OfferType;
  priority: string;
  moments: string[];
  delaySeconds: string;
  items: OfferedProduct[];
  productsFrom: "FIXED" | "RECOMMENDED";
  recommendation: RecommendationState;
  upgrades: Upgrade[];
  trigger: {
    match: "ANY" | "ALL";
    products: ProductRef[];
    variants: Ref[];
    collections: Ref[];
    tags: string;
    subtotalMin: string;
    subtotalMax: string;
    itemsMin: string;
    itemsMax: string;
  };
  segment: {
    customer: "ANY" | "LOGGED_IN" | "GUEST";
    history: "ANY" | "NEW" | "RETURNING";
    tagsInclude: string;
    tagsExclude: string;
    countries: string;
    markets: string;
    locales: string;
  };
  discount: DiscountState;
  /** "" = the shop's default cap. */
  cap: string;
  lowStockBelow: string;
  showEndDate: boolean;
  timezone: string;
  startsAtLocal: string;
  endsAtLocal: string;
  locales: string[];
  content: Record<string, ContentText>;
  /** Shoppers whose language has no text see the shop's default locale's (decision record 0091). */
  fallbackToDefaultLocale: boolean;
  abEnabled: boolean;
  abVariants: AbVariantState[];
  holdout: string;
}

export const emptyContent = (): ContentText => ({ headline: "", body: "", accept: "", decline: "" });

const list = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

const secondsToMs = (s: string): number | string => {
  const t = s.trim();
  return /^\d+(\.\d{1,3})?$/.test(t) ? Math.round(Number(t) * 1000) : t;
};

const msToSeconds = (ms: number | undefined) => (ms === undefined ? "" : String(ms / 1000));

function discountPayload(d: DiscountState, currency: string) {
  if (d.kind === "PERCENT") return { kind: "PERCENT" as const, bps: percentToBps(d.percent) };
  if (d.kind === "FIXED") return { kind: "FIXED" as const, amount: moneyToMinor(d.amount, currency) };
  return { kind: "NONE" as const };
}

function discountState(d: OfferDefinition["discount"] | undefined, currency: string): DiscountState {
  if (d?.kind === "PERCENT") return { kind: "PERCENT", percent: bpsToPercent(d.bps), amount: "" };
  if (d?.kind === "FIXED") return { kind: "FIXED", percent: "", amount: minorToMoney(d.amount, currency) };
  return { kind: "NONE", percent: "", amount: "" };
}

const offered = (p: OfferedProduct) => ({ productId: p.productId, handle: p.handle, title: p.title, variantIds: p.variantIds });

/** The JSON the action parses with offerInputSchema; money in `currency`, the shop's. */
export function toOfferPayload(s: OfferFormState, version: number | null, currency: string) {
  const firstLocale = s.locales[0] ?? "en";
  return {
    name: s.name,
    status: s.status,
    type: s.type,
    priority: toInt(s.priority || "0"),
    moments: s.moments,
    ...(version !== null ? { version } : {}),
    definition: {
      trigger: {
        match: s.trigger.match,
        products: s.trigger.products.map((p) => ({ id: p.id, title: p.title, handle: p.handle })),
        variants: s.trigger.variants,
        collections: s.trigger.collections,
        tags: list(s.trigger.tags),
        subtotalMin: s.trigger.subtotalMin.trim() ? moneyToMinor(s.trigger.subtotalMin, currency) : null,
        subtotalMax: s.trigger.subtotalMax.trim() ? moneyToMinor(s.trigger.subtotalMax, currency) : null,
        itemsMin: s.trigger.itemsMin.trim() ? toInt(s.trigger.itemsMin) : null,
        itemsMax: s.trigger.itemsMax.trim() ? toInt(s.trigger.itemsMax) : null,
      },
      segment: {
        customer: s.segment.customer,
        history: s.segment.history,
        tagsInclude: list(s.segment.tagsInclude),
        tagsExclude: list(s.segment.tagsExclude),
        countries: list(s.segment.countries).map((c) => c.toUpperCase()),
        markets: list(s.segment.markets),
        locales: list(s.segment.locales),
      },
      items: s.type === "UPSELL" || (s.type === "CROSS_SELL" && s.productsFrom === "RECOMMENDED") ? [] : s.items.map(offered),
      productsFrom: s.type === "CROSS_SELL" ? s.productsFrom : ("FIXED" as const),
      recommendation: {
        sources: s.recommendation.sources,
        excludeProducts: s.recommendation.excludeProducts.map((p) => ({ id: p.id, title: p.title, handle: p.handle })),
        excludeCollections: s.recommendation.excludeCollections,
        excludeTags: list(s.recommendation.excludeTags),
      },
      upgrades: s.type === "UPSELL" ? s.upgrades.map((u) => ({ from: u.from, to: offered(u.to) })) : [],
      // An upsell has no discount (UPSELL_DISCOUNT_MESSAGE); the fields are hidden, so send none.
      discount: s.type === "UPSELL" ? { kind: "NONE" as const } : discountPayload(s.discount, currency),
      capBps: s.cap.trim() ? percentToBps(s.cap) : null,
      delayMs: secondsToMs(s.delaySeconds || "0"),
      urgency: { lowStockBelow: s.lowStockBelow.trim() ? toInt(s.lowStockBelow) : null, showEndDate: s.showEndDate },
      timezone: s.timezone,
      startsAtLocal: s.startsAtLocal || null,
      endsAtLocal: s.endsAtLocal || null,
      content: Object.fromEntries(s.locales.map((l) => [l, s.content[l] ?? emptyContent()])),
      fallbackToDefaultLocale: s.fallbackToDefaultLocale,
      abVariants: s.abEnabled
        ? s.abVariants.map((v) => ({
            id: v.id,
            name: v.name,
            weight: toInt(v.weight),
            ...(v.overrideContent ? { content: { [firstLocale]: v.content } } : {}),
            ...(v.overrideDiscount && s.type !== "UPSELL" ? { discount: discountPayload(v.discount, currency) } : {}),
            ...(v.delaySeconds.trim() ? { delayMs: secondsToMs(v.delaySeconds) } : {}),
          }))
        : [],
      holdoutBps: s.abEnabled && s.holdout.trim() ? percentToBps(s.holdout) : 0,
    },
  };
}

export type OfferPayload = ReturnType<typeof toOfferPayload>;

export function newAbVariant(index: number, content: ContentText): AbVariantState {
  const id = "abcd"[index] ?? `v${index}`;
  return {
    id,
    name: index === 0 ? "Control" : `Variant ${id.toUpperCase()}`,
    weight: "50",
    overrideContent: index > 0,
    content: { ...content },
    overrideDiscount: false,
    discount: { kind: "NONE", percent: "", amount: "" },
    delaySeconds: "",
  };
}

export const newRecommendation = (): RecommendationState => ({ sources: ["co_purchase", "shopify_complementary"], excludeProducts: [], excludeCollections: [], excludeTags: "" });

export function newOfferState(defaults: { locale: string; texts: Record<string, ContentText>; timezone: string }): OfferFormState {
  const texts = defaults.texts[defaults.locale] ?? Object.values(defaults.texts)[0] ?? emptyContent();
  return {
    name: "",
    status: "DRAFT",
    type: "CROSS_SELL",
    priority: "0",
    moments: ["ADD_TO_CART"],
    delaySeconds: "0",
    items: [],
    productsFrom: "FIXED",
    recommendation: newRecommendation(),
    upgrades: [],
    trigger: { match: "ANY", products: [], variants: [], collections: [], tags: "", subtotalMin: "", subtotalMax: "", itemsMin: "", itemsMax: "" },
    segment: { customer: "ANY", history: "ANY", tagsInclude: "", tagsExclude: "", countries: "", markets: "", locales: "" },
    discount: { kind: "NONE", percent: "", amount: "" },
    cap: "",
    lowStockBelow: "",
    showEndDate: false,
    timezone: defaults.timezone,
    startsAtLocal: "",
    endsAtLocal: "",
    locales: [defaults.locale],
    content: { [defaults.locale]: { ...texts } },
    fallbackToDefaultLocale: false,
    abEnabled: false,
    abVariants: [],
    holdout: "0",
  };
}

const titlesFor = (ids: string[]) => ids.map(() => "");

/**
 * The shop's default language first, then the rest alphabetically. The first is the editor's base
 * language (the preview opens in it, new languages and A/B variants copy it), so it must not depend
 * on the order a database keeps JSON keys in: PostgreSQL's jsonb sorts them, SQLite keeps them as written.
 */
export function localesInOrder(locales: readonly string[], defaultLocale: string): string[] {
  const isDefault = (l: string) => l.toLowerCase() === defaultLocale.toLowerCase();
  return [...locales].sort((a, b) => Number(isDefault(b)) - Number(isDefault(a)) || a.localeCompare(b));
}

export function offerStateFrom(row: { name: string; status: string; type: string; priority: number; moments: string[] }, d: OfferDefinition, currency: string, defaultLocale = "en"): OfferFormState {
  const locales = localesInOrder(Object.keys(d.content), defaultLocale);
  const first = locales[0] ?? "en";
  const toOffered = (p: OfferDefinition["items"][number]): OfferedProduct => ({ ...p, variantTitles: titlesFor(p.variantIds) });
  return {
    name: row.name,
    status: (["DRAFT", "ACTIVE", "PAUSED", "ARCHIVED"] as const).find((s) => s === row.status) ?? "DRAFT",
    type: (["UPSELL", "CROSS_SELL", "BUNDLE"] as const).find((t) => t === row.type) ?? "CROSS_SELL",
    priority: String(row.priority),
    moments: row.moments,
    delaySeconds: msToSeconds(d.delayMs),
    items: d.items.map(toOffered),
    productsFrom: d.productsFrom,
    recommendation: {
      sources: [...d.recommendation.sources],
      excludeProducts: d.recommendation.excludeProducts,
      excludeCollections: d.recommendation.excludeCollections,
      excludeTags: d.recommendation.excludeTags.join(", "),
    },
    upgrades: d.upgrades.map((u) => ({ from: u.from, to: toOffered(u.to) })),
    trigger: {
      match: d.trigger.match,
      products: d.trigger.products,
      variants: d.trigger.variants,
      collections: d.trigger.collections,
      tags: d.trigger.tags.join(", "),
      subtotalMin: minorToMoney(d.trigger.subtotalMin, currency),
      subtotalMax: minorToMoney(d.trigger.subtotalMax, currency),
      itemsMin: d.trigger.itemsMin === null ? "" : String(d.trigger.itemsMin),
      itemsMax: d.trigger.itemsMax === null ? "" : String(d.trigger.itemsMax),
    },
    segment: {
      customer: d.segment.customer,
      history: d.segment.history,
      tagsInclude: d.segment.tagsInclude.join(", "),
      tagsExclude: d.segment.tagsExclude.join(", "),
      countries: d.segment.countries.join(", "),
      markets: d.segment.markets.join(", "),
      locales: d.segment.locales.join(", "),
    },
    discount: discountState(d.discount, currency),
    cap: bpsToPercent(d.capBps),
    lowStockBelow: d.urgency.lowStockBelow === null ? "" : String(d.urgency.lowStockBelow),
    showEndDate: d.urgency.showEndDate,
    timezone: d.timezone,
    startsAtLocal: d.startsAtLocal ?? "",
    endsAtLocal: d.endsAtLocal ?? "",
    locales,
    content: Object.fromEntries(Object.entries(d.content).map(([l, c]) => [l, { ...c }])),
    fallbackToDefaultLocale: d.fallbackToDefaultLocale,
    abEnabled: d.abVariants.length > 0,
    abVariants: d.abVariants.map((v) => ({
      id: v.id,
      name: v.name,
      weight: String(v.weight),
      overrideContent: !!v.content?.[first],
      content: { ...(v.content?.[first] ?? d.content[first] ?? emptyContent()) },
      overrideDiscount: !!v.discount,
      discount: discountState(v.discount, currency),
      delaySeconds: msToSeconds(v.delayMs),
    })),
    holdout: bpsToPercent(d.holdoutBps),
  };
}
