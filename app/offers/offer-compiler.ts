import { byPriority } from "@tactful/engine/decide";
import { numericId } from "@tactful/engine/shopify-id";
import { encodeFunctionConfig, encodeOfferAlone, encodeStorefrontConfig } from "@tactful/engine/wire";
import { SLOTS, functionMetafieldValue } from "@tactful/engine/function-metafield";
import {
  CONFIG_VERSION,
  type CompiledOffer,
  type Content,
  type Discount,
  type FunctionConfig,
  type FunctionOffer,
  type OfferedItem,
  type ShopSettings,
  type StorefrontConfig,
} from "@tactful/engine/types";
import type { OfferDefinition, OfferRecord } from "./offer.schema";
import { parseMoments } from "./offer.schema";
import { shopDays, utcToLocal, type ShopDays } from "./schedule";

/** Shopify's limit for a json metafield value (API 2026-04+), in UTF-8 bytes. */
export const STOREFRONT_LIMIT_BYTES = 131_072;
/** What a discount Function may read from one metafield, in UTF-8 bytes. */
export const FUNCTION_METAFIELD_LIMIT_BYTES = 10_000;
/** Shopify refuses a Function input over this (changelog 2023-05-08); the run fails and no discount applies. */
export const FUNCTION_INPUT_LIMIT_BYTES = 64_000;
/** The cart the Function's input must fit with any accepted config (issue 15). */
export const FULL_CART_LINES = 200;
/**
 * One shopper line as the input query returns it with Shopify-sized ids
 * (13-digit product, 14-digit variant, a 7-character price, quantity under
 * 100), and the input besides its lines and the metafield (decision 0065's
 * arithmetic; offer-compiler.test.ts checks both against the query's shape).
 */
export const INPUT_LINE_BYTES = 303;
export const INPUT_REST_BYTES = 262;
/** What a 200-line cart leaves of the input limit for the Function's metafield: 3,138 bytes (decision 0079). */
export const FUNCTION_INPUT_BUDGET_BYTES = FUNCTION_INPUT_LIMIT_BYTES - FULL_CART_LINES * INPUT_LINE_BYTES - INPUT_REST_BYTES;
/** The Function config the admin accepts: within its metafield and within the input budget, whichever is smaller. */
export const FUNCTION_LIMIT_BYTES = Math.min(FUNCTION_METAFIELD_LIMIT_BYTES, FUNCTION_INPUT_BUDGET_BYTES);

export interface OversizedOffer {
  id: string;
  name: string;
  bytes: number;
}

/** A compiled config would not fit its metafield. Nothing is truncated: the merchant must trim. */
export class ConfigTooLargeError extends Error {
  override readonly name = "ConfigTooLargeError";
  constructor(
    readonly metafield: string,
    readonly bytes: number,
    readonly limit: number,
    /** The largest offers, largest first, whose removal would bring the config under the limit. */
    readonly offersToTrim: OversizedOffer[],
    /** Why the limit is what it is, when it is not the metafield's own: said to the merchant. */
    why?: string,
  ) {
    const list = offersToTrim.map((o) => `"${o.name}" (${o.bytes.toLocaleString("en-US")} bytes)`).join(", ");
    super(
      `The ${metafield} would be ${bytes.toLocaleString("en-US")} bytes; Shopify allows ${limit.toLocaleString("en-US")}${why ? `, ${why}` : ""}. ` +
        `Pause, shorten or archive these offers, largest first: ${list}.`,
    );
  }
}

export interface OversizedCollection {
  id: string;
  name: string;
  /** Products in the collection, as published (or as Shopify counts them, when refused before fetching). */
  products: number;
  /** Names of the active offers that trigger on it. */
  offers: string[];
}

/**
 * Trigger collections are published with the ids of their products (decision
 * record 0054), and these would not fit the storefront metafield. Caught
 * wherever ConfigTooLargeError is: the save is refused with this message.
 */
export class CollectionsTooLargeError extends ConfigTooLargeError {
  constructor(
    bytes: number,
    limit: number,
    /** Largest first: without these the config fits (checked on the encoded config, not estimated). */
    readonly collectionsToTrim: OversizedCollection[],
    /** Set when the sync refused before fetching: bytes is then a lower bound from Shopify's product count. */
    estimated = false,
  ) {
    super("storefront config", bytes, limit, []);
    const list = collectionsToTrim
      .map((c) => `"${c.name}" (${c.products.toLocaleString("en-US")} products${c.offers.length ? `; used by ${c.offers.map((o) => `"${o}"`).join(", ")}` : ""})`)
      .join(", ");
    this.message =
      `The storefront config would be ${estimated ? "at least " : ""}${bytes.toLocaleString("en-US")} bytes; Shopify allows ${limit.toLocaleString("en-US")}. ` +
      `A trigger collection is published with the id of every product in it, and these collections are too large: ${list}. ` +
      `Trigger on smaller collections, or on products or tags instead.`;
  }
}

/**
 * The discount Function learns collection and tag membership from its input
 * query, which asks about at most SLOTS collections and SLOTS tags
 * (packages/engine/function-metafield.ts). Beyond that an
 * offer's trigger would never match at checkout while the popup still shows
 * its price, so such a config is refused like an oversized one. An automatic
 * offer's excluded collections and tags take slots too (decision 0096).
 */
export class TriggerSlotsError extends ConfigTooLargeError {
  constructor(
    readonly kind: "collections" | "tags",
    readonly used: string[],
    readonly offerNames: string[],
    /** Some of `used` are an automatic offer's exclusions, which checkout checks the same way (decision 0096). */
    readonly withExclusions = false,
  ) {
    super("discount function config", 0, SLOTS, []);
    this.message = withExclusions
      ? `Discounted offers can trigger on or exclude at most ${SLOTS} different ${kind} in total, because checkout checks each one separately; ` +
        `your active discounted offers use ${used.length}: ${used.map((u) => `"${u}"`).join(", ")} (in ${this.offerNames.map((o) => `"${o}"`).join(", ")}). ` +
        `Use fewer ${kind}, trigger on products instead, or exclude products instead.`
      : `Discounted offers can trigger on at most ${SLOTS} different ${kind} in total, because checkout checks each one separately; ` +
        `your active discounted offers use ${used.length}: ${used.map((u) => `"${u}"`).join(", ")} (in ${this.offerNames.map((o) => `"${o}"`).join(", ")}). ` +
        `Use fewer ${kind}, or trigger on products instead.`;
  }
}

const utf8 = (s: string) => Buffer.byteLength(s, "utf8");

const item = (p: OfferDefinition["items"][number]): OfferedItem => ({ productId: numericId(p.productId), handle: p.handle, variantIds: p.variantIds.map(numericId) });
const uniq = (xs: string[]) => [...new Set(xs)];

/**
 * The schedule as whole days of the shop's calendar (decision record 0055):
 * startsAt/endsAt for the storefront and checkout, startDay/endDay for the
 * Function. A row from before local times were stored falls back to its UTC
 * columns, read as wall-clock time in the offer's zone.
 */
function schedule(o: OfferRecord): ShopDays {
  const d = o.definition;
  const local = (l: string | null, column: Date | null | undefined) => l ?? (column ? utcToLocal(column.getTime(), d.timezone) : null);
  return shopDays(local(d.startsAtLocal, o.startsAt), local(d.endsAtLocal, o.endsAt), d.timezone);
}
const epochs = ({ startsAt, endsAt }: ShopDays) => ({ ...(startsAt !== undefined ? { startsAt } : {}), ...(endsAt !== undefined ? { endsAt } : {}) });

const contentOf = (c: Record<string, Content>): Record<string, Content> =>
  Object.fromEntries(Object.entries(c).map(([l, x]) => [l, { headline: x.headline, body: x.body, accept: x.accept, decline: x.decline }]));

/** Products never offered by an automatic offer: explicit ones, numeric. */
const excludedProducts = (d: OfferDefinition) => uniq(d.recommendation.excludeProducts.map((p) => numericId(p.id)));

/** Whether a record is an automatic cross-sell (decision record 0085). */
export const isAutomatic = (o: Pick<OfferRecord, "type" | "definition">) => o.type === "CROSS_SELL" && o.definition.productsFrom === "RECOMMENDED";

/** A co-purchase list kept per trigger product in the config: enough to fill three places after what the cart and the cap rule out. */
export const CO_PURCHASE_PER_TRIGGER = 5;

/**
 * The trigger products an automatic offer's co-purchase lists are synced
 * for: its trigger products and the products of its trigger collections
 * (membership as the sync fetched it), at most `max`. A trigger by tags or
 * by cart value alone has no list: its co-purchase source yields nothing.
 */
export function autoTriggerProducts(o: OfferRecord, collections: Record<string, string[]> = {}, max = 100): string[] {
  const t = o.definition.trigger;
  const ids = [...t.products.map((p) => numericId(p.id)), ...t.collections.flatMap((c) => (collections[numericId(c.id)] ?? []).map(numericId))];
  return uniq(ids).slice(0, max);
}

export function compileOffer(o: OfferRecord, settings: ShopSettings, coPurchase: Record<string, OfferedItem[]> = {}): CompiledOffer {
  const d = o.definition;
  const automatic = isAutomatic(o);
  const t = d.trigger;
  const s = d.segment;
  return {
    id: o.id,
    type: o.type,
    priority: o.priority,
    moments: parseMoments(o.moments),
    trigger: {
      match: t.match,
      products: uniq(t.products.map((p) => numericId(p.id))),
      variants: uniq(t.variants.map((v) => numericId(v.id))),
      collections: uniq(t.collections.map((c) => numericId(c.id))),
      tags: uniq(t.tags),
      ...(t.subtotalMin !== null ? { subtotalMin: t.subtotalMin } : {}),
      ...(t.subtotalMax !== null ? { subtotalMax: t.subtotalMax } : {}),
      ...(t.itemsMin !== null ? { itemsMin: t.itemsMin } : {}),
      ...(t.itemsMax !== null ? { itemsMax: t.itemsMax } : {}),
    },
    segment: { ...s, countries: s.countries.map((c) => c.toUpperCase()) },
    ...epochs(schedule(o)),
    items: o.type === "UPSELL" || automatic ? [] : d.items.slice(0, 3).map(item),
    ...(automatic ? { auto: autoProducts(d, coPurchase) } : {}),
    upgrades:
      o.type === "UPSELL"
        ? d.upgrades.slice(0, 3).map((u) => ({
            fromProductId: numericId(u.from.productId),
            ...(u.from.variantId ? { fromVariantId: numericId(u.from.variantId) } : {}),
            to: item(u.to),
          }))
        : [],
    // Offers saved before upsell discounts were refused (UPSELL_DISCOUNT_MESSAGE) must not show a price checkout won't give.
    discount: o.type === "UPSELL" ? { kind: "NONE" } : d.discount,
    capBps: d.capBps ?? settings.capBps,
    delayMs: d.delayMs,
    urgency: { showEndDate: d.urgency.showEndDate, ...(d.urgency.lowStockBelow !== null ? { lowStockBelow: d.urgency.lowStockBelow } : {}) },
    content: contentOf(d.content),
    abVariants: d.abVariants.map((v) => ({
      id: v.id,
      weight: v.weight,
      ...(v.content ? { content: contentOf(v.content) } : {}),
      ...(v.discount && o.type !== "UPSELL" ? { discount: v.discount } : {}),
      ...(v.delayMs !== undefined ? { delayMs: v.delayMs } : {}),
    })),
    holdoutBps: d.holdoutBps,
    ...(d.fallbackToDefaultLocale ? { fallbackToDefaultLocale: true } : {}),
  };
}

/**
 * An automatic offer's rule with its co-purchase lists for its trigger
 * products: what is excluded or is a trigger product itself is dropped here
 * already (the engine drops it again), so no byte carries what never shows.
 */
function autoProducts(d: OfferDefinition, coPurchase: Record<string, OfferedItem[]>): NonNullable<CompiledOffer["auto"]> {
  const r = d.recommendation;
  const excludeProducts = excludedProducts(d);
  const lists: Record<string, OfferedItem[]> = {};
  if (r.sources.includes("co_purchase"))
    for (const [trigger, items] of Object.entries(coPurchase)) {
      const kept = items.filter((i) => i.productId !== trigger && !excludeProducts.includes(i.productId) && i.variantIds.length).slice(0, CO_PURCHASE_PER_TRIGGER);
      if (kept.length) lists[trigger] = kept;
    }
  return {
    sources: [...r.sources],
    excludeProducts,
    excludeCollections: uniq(r.excludeCollections.map((c) => numericId(c.id))),
    excludeTags: uniq(r.excludeTags),
    coPurchase: lists,
  };
}

/**
 * Offers to name in ConfigTooLargeError: largest first, enough to cover the
 * excess by their own sizes, then more until re-encoding without them
 * actually fits. Own sizes overstate what a removal frees when offers share
 * product rows, so the estimate alone could name too few (decision record 0056).
 */
function toTrim(sizes: OversizedOffer[], excess: number, fitsWithout: (removed: Set<string>) => boolean): OversizedOffer[] {
  const sorted = [...sizes].sort((a, b) => b.bytes - a.bytes || (a.id < b.id ? -1 : 1));
  let estimate = 0;
  for (let freed = 0; estimate < sorted.length && freed < excess; estimate++) freed += (sorted[estimate] as OversizedOffer).bytes + 1; // +1: the separating comma
  const fits = (k: number) => k >= sorted.length || fitsWithout(new Set(sorted.slice(0, k).map((o) => o.id)));
  // Gallop past the estimate, then bisect: a handful of re-encodings. Only a
  // count that was actually re-encoded and fitted is returned.
  let bad = estimate - 1;
  let good = estimate;
  for (let step = 1; !fits(good); step *= 2) {
    bad = good;
    good = Math.min(sorted.length, good + step);
  }
  while (good - bad > 1) {
    const mid = (good + bad) >> 1;
    if (fits(mid)) good = mid;
    else bad = mid;
  }
  return sorted.slice(0, good);
}

export interface CompileOptions {
  /** Collection id -> product ids (numeric or gid), for collection triggers (and exclusions) the storefront cannot see. */
  collections?: Record<string, string[]>;
  /** Numeric trigger product id -> the co-purchase recommendations synced for it, best first (decision record 0085). */
  coPurchase?: Record<string, OfferedItem[]>;
}

/** Numeric ids of the collections that active offers trigger on, or that automatic offers exclude: the membership the sync must fetch. */
export function triggerCollections(offers: OfferRecord[]): string[] {
  return uniq(
    offers
      .filter((o) => o.status === "ACTIVE")
      .flatMap((o) => [...o.definition.trigger.collections, ...(isAutomatic(o) ? o.definition.recommendation.excludeCollections : [])].map((c) => numericId(c.id))),
  ).sort();
}

/** What the merchant called each trigger collection (the picker stores titles), and which offers use it. */
function collectionNames(offers: OfferRecord[]): Map<string, { name: string; offers: string[] }> {
  const out = new Map<string, { name: string; offers: string[] }>();
  for (const o of offers)
    for (const c of o.definition.trigger.collections) {
      const id = numericId(c.id);
      const entry = out.get(id) ?? { name: c.title || `Collection ${id}`, offers: [] };
      if (!entry.offers.includes(o.name)) entry.offers.push(o.name);
      out.set(id, entry);
    }
  return out;
}

/**
 * Largest collections first, just enough that the config without their
 * membership fits, measured by encoding it again; null when even dropping
 * every collection's membership would not fit (the offers are the problem).
 */
function collectionsToTrim(config: StorefrontConfig, limit: number): string[] | null {
  const all = Object.entries(config.collections ?? {}).sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  const dropped: string[] = [];
  for (const [id] of all) {
    dropped.push(id);
    const rest = Object.fromEntries(all.filter(([c]) => !dropped.includes(c)));
    if (utf8(encodeStorefrontConfig({ ...config, collections: rest }).config) <= limit) return dropped;
  }
  return null;
}

const pick = <T>(all: Record<string, T>, keys: string[]): Record<string, T> => Object.fromEntries(keys.flatMap((k) => (all[k] !== undefined ? [[k, all[k] as T]] : [])));

/**
 * Active offers -> the storefront config. The size is checked on the wire
 * form actually stored (engine/wire.ts): the main metafield and each
 * per-locale content metafield must fit in 128 KB, or this throws
 * ConfigTooLargeError naming the offers to trim.
 */
export function compileStorefrontConfig(offers: OfferRecord[], settings: ShopSettings, options: CompileOptions = {}): StorefrontConfig {
  const active = offers.filter((o) => o.status === "ACTIVE");
  // Priority order is decide()'s order; emitting it saves every shopper a sort.
  const compiled = active
    .map((o) => compileOffer(o, settings, isAutomatic(o) ? pick(options.coPurchase ?? {}, autoTriggerProducts(o, options.collections)) : {}))
    .sort(byPriority);
  const names = new Map(active.map((o) => [o.id, o.name]));
  const wanted = new Set(compiled.flatMap((o) => [...o.trigger.collections, ...(o.auto?.excludeCollections ?? [])]));
  const collections: Record<string, string[]> = {};
  for (const [c, ps] of Object.entries(options.collections ?? {})) if (wanted.has(numericId(c))) collections[numericId(c)] = uniq(ps.map(numericId));
  const config: StorefrontConfig = {
    v: CONFIG_VERSION,
    settings: { capBps: settings.capBps, maxPerSession: settings.maxPerSession, cooldownDays: settings.cooldownDays, paused: settings.paused, defaultLocale: settings.defaultLocale, style: settings.style },
    offers: compiled,
    ...(Object.keys(collections).length ? { collections } : {}),
  };
  const wire = encodeStorefrontConfig(config);
  const mainBytes = utf8(wire.config);
  if (mainBytes > STOREFRONT_LIMIT_BYTES && config.collections) {
    const trim = collectionsToTrim(config, STOREFRONT_LIMIT_BYTES);
    if (trim) {
      const named = collectionNames(active);
      const sizes = trim.map((id) => ({ id, name: named.get(id)?.name ?? `Collection ${id}`, products: collections[id]?.length ?? 0, offers: named.get(id)?.offers ?? [] }));
      throw new CollectionsTooLargeError(mainBytes, STOREFRONT_LIMIT_BYTES, sizes);
    }
  }
  if (mainBytes > STOREFRONT_LIMIT_BYTES) {
    const sizes = compiled.map((o) => ({ id: o.id, name: names.get(o.id) ?? o.id, bytes: utf8(encodeOfferAlone(o)) }));
    const fits = (removed: Set<string>) => utf8(encodeStorefrontConfig({ ...config, offers: compiled.filter((o) => !removed.has(o.id)) }).config) <= STOREFRONT_LIMIT_BYTES;
    throw new ConfigTooLargeError("storefront config", mainBytes, STOREFRONT_LIMIT_BYTES, toTrim(sizes, mainBytes - STOREFRONT_LIMIT_BYTES, fits));
  }
  for (const [locale, json] of Object.entries(wire.content)) {
    const bytes = utf8(json);
    if (bytes <= STOREFRONT_LIMIT_BYTES) continue;
    const sizes = compiled.map((o) => {
      const own = o.content?.[locale];
      const vs = o.abVariants.map((v) => v.content?.[locale]).filter((c) => c !== undefined);
      return { id: o.id, name: names.get(o.id) ?? o.id, bytes: utf8(JSON.stringify([own, vs])) };
    });
    const fits = (removed: Set<string>) => utf8(encodeStorefrontConfig({ ...config, offers: compiled.filter((o) => !removed.has(o.id)) }).content[locale] ?? "") <= STOREFRONT_LIMIT_BYTES;
    throw new ConfigTooLargeError(`"${locale}" text`, bytes, STOREFRONT_LIMIT_BYTES, toTrim(sizes, bytes - STOREFRONT_LIMIT_BYTES, fits));
  }
  return config;
}

/** The metafield values to write: the main config and one per locale, keyed by metafield key. */
export function storefrontMetafields(config: StorefrontConfig): { key: string; value: string }[] {
  const wire = encodeStorefrontConfig(config);
  return [{ key: "config", value: wire.config }, ...Object.entries(wire.content).map(([l, value]) => ({ key: `content_${l.toLowerCase()}`, value }))];
}

/**
 * The Function's metafield value: the compact wire config (read with
 * parseFunctionConfig) plus the query variables for trigger collections and
 * tags and the shop currency, in the layout the Function itself defines.
 */
export function functionMetafield(config: FunctionConfig, shopCurrency: string): { key: string; value: string } {
  return { key: "function_config", value: functionMetafieldValue(encodeFunctionConfig(config), config, shopCurrency) };
}

/** The row's startsAt/endsAt columns: the instants the compiled offer starts and ends (whole shop days). */
export function scheduleColumns(d: Pick<OfferDefinition, "timezone" | "startsAtLocal" | "endsAtLocal">): { startsAt: Date | null; endsAt: Date | null } {
  const days = shopDays(d.startsAtLocal, d.endsAtLocal, d.timezone);
  return {
    startsAt: days.startsAt !== undefined ? new Date(days.startsAt) : null,
    endsAt: days.endsAt !== undefined ? new Date(days.endsAt) : null,
  };
}

/** An automatic offer's excluded collections and tags: the Function judges them by query slots too (decision 0096). */
const excludedCollections = (o: OfferRecord) => (isAutomatic(o) ? o.definition.recommendation.excludeCollections : []);
const excludedTags = (o: OfferRecord) => (isAutomatic(o) ? o.definition.recommendation.excludeTags : []);

/**
 * Throws TriggerSlotsError when the discounted offers trigger on, or (automatic
 * ones) exclude, more collections or tags than the Function's query can ask about.
 */
function assertTriggerSlots(discounted: OfferRecord[]): void {
  const names = collectionNames(discounted);
  for (const o of discounted)
    for (const c of excludedCollections(o)) {
      const id = numericId(c.id);
      const entry = names.get(id) ?? { name: c.title || `Collection ${id}`, offers: [] };
      if (!entry.offers.includes(o.name)) entry.offers.push(o.name);
      names.set(id, entry);
    }
  const excluding = (o: OfferRecord, kind: "collections" | "tags") => (kind === "collections" ? excludedCollections(o) : excludedTags(o)).length > 0;
  const users = (kind: "collections" | "tags") => discounted.filter((o) => o.definition.trigger[kind].length || excluding(o, kind)).map((o) => o.name);
  const excludes = (kind: "collections" | "tags") => discounted.some((o) => excluding(o, kind));
  if (names.size > SLOTS) throw new TriggerSlotsError("collections", [...names.values()].map((c) => c.name), users("collections"), excludes("collections"));
  const tags = uniq(discounted.flatMap((o) => [...o.definition.trigger.tags, ...excludedTags(o)]));
  if (tags.length > SLOTS) throw new TriggerSlotsError("tags", tags, users("tags"), excludes("tags"));
}

const hasDiscount = (d: Discount | undefined) => d !== undefined && d.kind !== "NONE";

/**
 * Active offers that can discount anything -> the Function config, checked
 * against the 3,138 bytes a 200-line cart leaves of the Function's input (decision 0079). Offers
 * with no discount in any variant are left out: the Function has nothing to
 * apply for them, and every byte counts.
 */
export function compileFunctionConfig(offers: OfferRecord[], settings: ShopSettings): FunctionConfig {
  const named: { offer: FunctionOffer; name: string }[] = [];
  for (const o of offers) {
    if (o.status !== "ACTIVE") continue;
    const c = compileOffer(o, settings);
    const variantDiscounts: Record<string, Discount> = {};
    for (const v of c.abVariants) if (v.discount) variantDiscounts[v.id] = v.discount;
    if (!hasDiscount(c.discount) && !Object.values(variantDiscounts).some(hasDiscount)) continue;
    const offered = c.type === "UPSELL" ? c.upgrades.map((u) => u.to) : c.items;
    // Every rule the Function can see travels with it: the whole trigger, bounds included (decision record 0056).
    const f: FunctionOffer = {
      id: c.id,
      type: c.type,
      trigger: c.trigger,
      offeredVariants: uniq(offered.flatMap((i) => i.variantIds)),
      discount: c.discount,
      capBps: c.capBps,
    };
    if (c.type === "BUNDLE") f.bundle = c.items.map((i) => i.variantIds);
    // An automatic offer's lines are judged by its rule, not a variant list (decision record 0086); its excluded collections and tags by their query slots (0096).
    if (c.auto) {
      f.auto = { excludeProducts: c.auto.excludeProducts };
      if (c.auto.excludeCollections.length) f.auto.excludeCollections = c.auto.excludeCollections;
      if (c.auto.excludeTags.length) f.auto.excludeTags = c.auto.excludeTags;
    }
    const days = schedule(o);
    if (days.startDay !== undefined) f.startDay = days.startDay;
    if (days.endDay !== undefined) f.endDay = days.endDay;
    if (Object.keys(variantDiscounts).length) f.variantDiscounts = variantDiscounts;
    named.push({ offer: f, name: o.name });
  }
  const config: FunctionConfig = { v: CONFIG_VERSION, offers: named.map((n) => n.offer) };
  assertTriggerSlots(offers.filter((o) => named.some((n) => n.offer.id === o.id)));
  // The metafield also carries the query's slot variables and the shop currency (always 3 letters): measure what is written.
  const bytes = utf8(functionMetafieldValue(encodeFunctionConfig(config), config, "XXX"));
  if (bytes > FUNCTION_LIMIT_BYTES) {
    const sizes = named.map((n) => ({ id: n.offer.id, name: n.name, bytes: utf8(encodeFunctionConfig({ v: CONFIG_VERSION, offers: [n.offer] })) - 10 }));
    const fits = (removed: Set<string>) => utf8(encodeFunctionConfig({ v: CONFIG_VERSION, offers: config.offers.filter((o) => !removed.has(o.id)) })) <= FUNCTION_LIMIT_BYTES;
    // The input budget binds first (decision 0079): a bigger config makes every large cart's input too big for Shopify, and such carts then get no discount at all.
    const why =
      FUNCTION_LIMIT_BYTES < FUNCTION_METAFIELD_LIMIT_BYTES
        ? `so that a cart of ${FULL_CART_LINES} lines stays within the ${FUNCTION_INPUT_LIMIT_BYTES.toLocaleString("en-US")} bytes Shopify gives the discount function's input (larger inputs get no discount at all)`
        : undefined;
    throw new ConfigTooLargeError("discount function config", bytes, FUNCTION_LIMIT_BYTES, toTrim(sizes, bytes - FUNCTION_LIMIT_BYTES, fits), why);
  }
  return config;
}
