import { CONFIG_VERSION, REC_SOURCES, type FunctionConfig, type FunctionOffer, type StorefrontConfig } from "./types";

/*
 * Shape checks for configs that arrive as JSON on surfaces that cannot ship
 * zod. They check what decide() / validateOfferLine() touch; anything else
 * (or a newer version) fails closed: no popup, no discount.
 */
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const isInt = (x: unknown): x is number => Number.isSafeInteger(x);
const isStrs = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === "string");
const optInt = (x: unknown) => x === undefined || isInt(x);
const optStrs = (x: unknown) => x === undefined || isStrs(x);

export function isDiscount(d: unknown): boolean {
  return isObj(d) && (d.kind === "NONE" || (d.kind === "PERCENT" && isInt(d.bps)) || (d.kind === "FIXED" && isInt(d.amount)));
}

const isTrigger = (t: unknown) =>
  isObj(t) && (t.match === "ANY" || t.match === "ALL") && isStrs(t.products) && isStrs(t.variants) && isStrs(t.collections) && isStrs(t.tags);

const isItem = (i: unknown) => isObj(i) && typeof i.productId === "string" && typeof i.handle === "string" && isStrs(i.variantIds);

const isAuto = (a: unknown) =>
  a === undefined ||
  (isObj(a) &&
    isStrs(a.sources) &&
    a.sources.every((s) => (REC_SOURCES as readonly string[]).includes(s)) &&
    [a.excludeProducts, a.excludeCollections, a.excludeTags].every(isStrs) &&
    isObj(a.coPurchase) &&
    Object.values(a.coPurchase).every((items) => Array.isArray(items) && items.every(isItem)));

function isOffer(o: unknown): boolean {
  if (!isObj(o) || typeof o.id !== "string" || !isInt(o.priority) || !isStrs(o.moments) || !isInt(o.capBps) || !isInt(o.delayMs) || !isInt(o.holdoutBps)) return false;
  const t = o.trigger;
  const s = o.segment;
  return (
    (o.type === "UPSELL" || o.type === "CROSS_SELL" || o.type === "BUNDLE") &&
    isTrigger(t) &&
    isObj(t) &&
    optInt(t.subtotalMin) &&
    optInt(t.subtotalMax) &&
    optInt(t.itemsMin) &&
    optInt(t.itemsMax) &&
    isObj(s) &&
    typeof s.customer === "string" &&
    typeof s.history === "string" &&
    isStrs(s.tagsInclude) &&
    isStrs(s.tagsExclude) &&
    isStrs(s.countries) &&
    isStrs(s.markets) &&
    isStrs(s.locales) &&
    optInt(o.startsAt) &&
    optInt(o.endsAt) &&
    Array.isArray(o.items) &&
    o.items.length <= 3 &&
    o.items.every(isItem) &&
    isAuto(o.auto) &&
    Array.isArray(o.upgrades) &&
    o.upgrades.every((u) => isObj(u) && typeof u.fromProductId === "string" && isItem(u.to)) &&
    isDiscount(o.discount) &&
    isObj(o.urgency) &&
    Array.isArray(o.abVariants) &&
    o.abVariants.every((v) => isObj(v) && typeof v.id === "string" && isInt(v.weight) && (v.discount === undefined || isDiscount(v.discount)) && optInt(v.delayMs))
  );
}

export function isStorefrontConfig(x: unknown): x is StorefrontConfig {
  if (!isObj(x) || x.v !== CONFIG_VERSION || !Array.isArray(x.offers) || !isObj(x.settings)) return false;
  const s = x.settings;
  return (
    isInt(s.capBps) &&
    isInt(s.maxPerSession) &&
    isInt(s.cooldownDays) &&
    typeof s.paused === "boolean" &&
    typeof s.defaultLocale === "string" &&
    (x.collections === undefined || (isObj(x.collections) && Object.values(x.collections).every(isStrs))) &&
    x.offers.every(isOffer)
  );
}

/** One Function offer, checked alone: the Function checks only the offers its cart names (decision 0062). */
export function isFunctionOffer(o: unknown): o is FunctionOffer {
  return (
    isObj(o) &&
    typeof o.id === "string" &&
    isTrigger(o.trigger) &&
    isObj(o.trigger) &&
    optInt(o.trigger.subtotalMin) &&
    optInt(o.trigger.subtotalMax) &&
    optInt(o.trigger.itemsMin) &&
    optInt(o.trigger.itemsMax) &&
    isStrs(o.offeredVariants) &&
    optInt(o.startDay) &&
    optInt(o.endDay) &&
    (o.bundle === undefined || (Array.isArray(o.bundle) && o.bundle.every(isStrs))) &&
    isDiscount(o.discount) &&
    isInt(o.capBps) &&
    optInt(o.startsAt) &&
    optInt(o.endsAt) &&
    (o.variantDiscounts === undefined || (isObj(o.variantDiscounts) && Object.values(o.variantDiscounts).every(isDiscount))) &&
    (o.auto === undefined || (isObj(o.auto) && isStrs(o.auto.excludeProducts) && optStrs(o.auto.excludeCollections) && optStrs(o.auto.excludeTags)))
  );
}

export function isFunctionConfig(x: unknown): x is FunctionConfig {
  return isObj(x) && x.v === CONFIG_VERSION && Array.isArray(x.offers) && x.offers.every(isFunctionOffer);
}
