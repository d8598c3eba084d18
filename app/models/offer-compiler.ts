import { byPriority } from "../engine/decide";
import { encodeFunctionConfig, encodeOfferAlone, encodeStorefrontConfig } from "../engine/wire";
import { functionMetafieldValue } from "../../extensions/tactful-discount/src/input-variables";
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
} from "../engine/types";
import type { OfferDefinition, OfferRecord } from "./offer.schema";
import { parseMoments } from "./offer.schema";
import { shopDays, utcToLocal, type ShopDays } from "./schedule";

/** Shopify's limit for a json metafield value (API 2026-04+), in UTF-8 bytes. */
export const STOREFRONT_LIMIT_BYTES = 131_072;
/** What a discount Function may read from one metafield, in UTF-8 bytes. */
export const FUNCTION_LIMIT_BYTES = 10_000;

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
  ) {
    const list = offersToTrim.map((o) => `"${o.name}" (${o.bytes.toLocaleString("en-US")} bytes)`).join(", ");
    super(
      `The ${metafield} would be ${bytes.toLocaleString("en-US")} bytes; Shopify allows ${limit.toLocaleString("en-US")}. ` +
        `Pause, shorten or archive these offers, largest first: ${list}.`,
    );
  }
}

const utf8 = (s: string) => Buffer.byteLength(s, "utf8");

/** "gid://shopify/ProductVariant/123" -> "123"; numeric ids pass through. */
export function numericId(id: string): string {
  const m = /(\d+)\s*$/.exec(id);
  return m?.[1] ?? id;
}

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

const contentOf = (c: Record<string, { headline: string; body: string; accept: string; decline: string }>): Record<string, Content> =>
  Object.fromEntries(Object.entries(c).map(([l, x]) => [l, { headline: x.headline, body: x.body, accept: x.accept, decline: x.decline }]));

export function compileOffer(o: OfferRecord, settings: ShopSettings): CompiledOffer {
  const d = o.definition;
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
    items: o.type === "UPSELL" ? [] : d.items.slice(0, 3).map(item),
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
  /** Collection id -> product ids (numeric or gid), for collection triggers the storefront cannot see. */
  collections?: Record<string, string[]>;
}

/**
 * Active offers -> the storefront config. The size is checked on the wire
 * form actually stored (engine/wire.ts): the main metafield and each
 * per-locale content metafield must fit in 128 KB, or this throws
 * ConfigTooLargeError naming the offers to trim.
 */
export function compileStorefrontConfig(offers: OfferRecord[], settings: ShopSettings, options: CompileOptions = {}): StorefrontConfig {
  const active = offers.filter((o) => o.status === "ACTIVE");
  // Priority order is decide()'s order; emitting it saves every shopper a sort.
  const compiled = active.map((o) => compileOffer(o, settings)).sort(byPriority);
  const names = new Map(active.map((o) => [o.id, o.name]));
  const wanted = new Set(compiled.flatMap((o) => o.trigger.collections));
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

const hasDiscount = (d: Discount | undefined) => d !== undefined && d.kind !== "NONE";

/**
 * Active offers that can discount anything -> the Function config, checked
 * against the ~10,000 bytes a Function can read from one metafield. Offers
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
    const days = schedule(o);
    if (days.startDay !== undefined) f.startDay = days.startDay;
    if (days.endDay !== undefined) f.endDay = days.endDay;
    if (Object.keys(variantDiscounts).length) f.variantDiscounts = variantDiscounts;
    named.push({ offer: f, name: o.name });
  }
  const config: FunctionConfig = { v: CONFIG_VERSION, offers: named.map((n) => n.offer) };
  const bytes = utf8(encodeFunctionConfig(config));
  if (bytes > FUNCTION_LIMIT_BYTES) {
    const sizes = named.map((n) => ({ id: n.offer.id, name: n.name, bytes: utf8(encodeFunctionConfig({ v: CONFIG_VERSION, offers: [n.offer] })) - 10 }));
    const fits = (removed: Set<string>) => utf8(encodeFunctionConfig({ v: CONFIG_VERSION, offers: config.offers.filter((o) => !removed.has(o.id)) })) <= FUNCTION_LIMIT_BYTES;
    throw new ConfigTooLargeError("discount function config", bytes, FUNCTION_LIMIT_BYTES, toTrim(sizes, bytes - FUNCTION_LIMIT_BYTES, fits));
  }
  return config;
}
