import { decide } from "@tactful/engine/decide";
import { mergeMemory } from "@tactful/engine/frequency";
import { fractionDigits, fromDecimalString } from "@tactful/engine/money";
import { applyDiscount } from "@tactful/engine/money";
import { explicitDiscount, maxOneClickQuantity, oneClickChange, purchaseCart, type AddVariantChange, type OneClickOffer, type PurchaseLine } from "@tactful/engine/post-purchase";
import type { Content, Decision, FrequencyMemory, StorefrontConfig, VariantPriceAndStock } from "@tactful/engine/types";
import db from "../platform/db.server";
import { numericId } from "@tactful/engine/shopify-id";
import { customerHash } from "../analytics/customer-hash.server";
import { recordPostPurchaseEvent } from "../analytics/post-purchase-attribution.server";
import { compileStorefrontConfig, triggerCollections } from "../offers/offer-compiler";
import { activeOfferRecords } from "../offers/offers.server";
import { getShopSettings } from "../offers/settings.server";
import type { AdminGraphql } from "../shopify/admin-api.server";
import { fetchPreviewMembership, fetchPreviewProducts, type PreviewProduct } from "../shopify/preview-products.server";
import { carriedMemory, readCarried, type Carried } from "./carried-memory.server";
import type { InputData } from "./tokens.server";

/*
 * The post-purchase decision (decision 0077): the same engine as every
 * surface, over the paid order as Shopify signed it, with the Admin API's
 * prices for the offered variants. One decision per order, stored: a second
 * ShouldRender or Render for the same order gets the same offer, and an order
 * that was answered (accepted, declined, or nothing applied) gets no page.
 */

export class OfferRefusedError extends Error {
  readonly status = 422;
}

const gid = (id: string) => `gid://shopify/Product/${id}`;

interface Context {
  config: StorefrontConfig;
  cart: ReturnType<typeof purchaseCart>;
  lines: PurchaseLine[];
  products: Map<string, PreviewProduct>;
  hash: string | null;
  currency: string;
  fallback: Content;
}

async function context(shop: string, input: InputData, admin: AdminGraphql): Promise<Context> {
  const view = await getShopSettings(shop);
  const records = await activeOfferRecords(shop);
  const purchase = input.initialPurchase;
  const currency = purchase.totalPriceSet.shopMoney.currencyCode;
  const digits = fractionDigits(currency);
  const purchasedIds = purchase.lineItems.map((l) => l.product.id);
  const collectionIds = triggerCollections(records);
  const memberships = collectionIds.length ? await fetchPreviewMembership(admin, purchasedIds, collectionIds) : {};
  const collections: Record<string, string[]> = {};
  for (const [productId, cs] of Object.entries(memberships)) for (const c of cs) (collections[c] ??= []).push(productId);
  const config = compileStorefrontConfig(records, view.settings, { collections });

  const offered = config.offers.filter((o) => o.moments.includes("POST_PURCHASE")).flatMap((o) => [...o.items.map((i) => i.productId), ...o.upgrades.map((u) => u.to.productId)]);
  const products = new Map((await fetchPreviewProducts(admin, [...new Set([...purchasedIds, ...offered])].map(gid))).map((p) => [numericId(p.id), p]));

  const lines: PurchaseLine[] = purchase.lineItems.map((l) => ({
    productId: l.product.id,
    variantId: l.product.variant.id,
    quantity: l.quantity,
    totalMinor: fromDecimalString(l.totalPriceSet.shopMoney.amount, digits) ?? 0,
    tags: products.get(l.product.id)?.tags ?? [],
  }));
  const variants: Record<string, VariantPriceAndStock> = {};
  for (const p of products.values())
    for (const v of p.variants.nodes) {
      const price = fromDecimalString(v.price, digits);
      if (price !== null) variants[numericId(v.id)] = { unitPrice: price, available: v.availableForSale };
    }
  const fallback = view.texts[input.locale.split("-")[0] ?? ""] ?? view.texts[view.settings.defaultLocale] ?? Object.values(view.texts)[0];
  return { config, cart: purchaseCart(currency, lines, variants), lines, products, hash: customerHash(shop, purchase.customerId), currency, fallback: fallback as Content };
}

/** What this customer already answered on this page: declines within the cooldown, and accepts. */
async function pageMemoryOf(shop: string, hash: string | null, cooldownDays: number, now: number): Promise<FrequencyMemory> {
  const memory: FrequencyMemory = { shownThisSession: 0, dismissedAt: {}, accepted: [], shownOfferIds: [] };
  if (!hash) return memory;
  const since = new Date(now - cooldownDays * 86_400_000);
  const rows = await db.postPurchaseOffer.findMany({ where: { shop, customerHash: hash, status: { in: ["DECLINED", "ACCEPTED"] }, answeredAt: { gte: since } } });
  for (const r of rows) {
    if (!r.offerId || !r.answeredAt) continue;
    if (r.status === "DECLINED") memory.dismissedAt[r.offerId] = Math.max(memory.dismissedAt[r.offerId] ?? 0, r.answeredAt.getTime());
    else memory.accepted.push(r.offerId);
  }
  return memory;
}

/**
 * The one frequency budget (decision 0087): the page's own answers merged
 * with what the order carried from the cart and checkout. Null when the
 * order's memory is not known or not readable: then there is no page.
 */
async function memoryOf(shop: string, referenceId: string, c: Context, carried: Carried, now: number): Promise<FrequencyMemory | null> {
  if (carried.kind !== "found") {
    console.warn(`post-purchase for ${shop}: ${carried.kind === "missing" ? "no orders/create matched" : "the order's memory is unreadable for"} reference ${referenceId}; no page`);
    return null;
  }
  const own = await pageMemoryOf(shop, c.hash, c.config.settings.cooldownDays, now);
  return mergeMemory(own, readCarried(carried.value, c.config.offers.map((o) => o.id), now));
}

function decideFor(c: Context, input: InputData, memory: FrequencyMemory, now: number) {
  return decide(
    c.config,
    c.cart,
    {
      moment: "POST_PURCHASE",
      loggedIn: c.hash !== null,
      customerTags: [],
      country: input.initialPurchase.destinationCountryCode,
      locale: input.locale,
      // Bucketing needs a stable id: the customer across orders, else the order itself.
      visitorId: c.hash ?? `order:${input.initialPurchase.referenceId}`,
    },
    memory,
    now,
  );
}

/** What the page shows for a decision; also the editor's preview of the page (preview.server.ts), so both present it alike. */
export function presentOneClick(c: Pick<Context, "cart" | "products" | "currency" | "fallback">, d: Decision, subtotal: number, capBps: number): OneClickOffer {
  const items = d.items.flatMap((item) => {
    const p = c.products.get(item.productId);
    if (!p) return [];
    const variants = p.variants.nodes
      .filter((v) => item.variantIds.includes(numericId(v.id)))
      .flatMap((v) => {
        const facts = c.cart.variants?.[numericId(v.id)];
        if (!facts) return [];
        const discounted = applyDiscount(facts.unitPrice, d.discount, 1_000_000);
        return [{ id: numericId(v.id), title: v.title, price: facts.unitPrice, discountedPrice: discounted, available: facts.available, maxQuantity: facts.available ? maxOneClickQuantity(discounted, subtotal, capBps) : 0 }];
      });
    return variants.some((v) => v.maxQuantity > 0) ? [{ productId: item.productId, title: p.title, image: p.featuredImage ? { url: p.featuredImage.url, alt: p.featuredImage.altText ?? p.title } : null, variants }] : [];
  });
  return {
    offerId: d.offerId,
    referenceId: "",
    content: d.content ?? c.fallback,
    currency: c.currency,
    discountPercent: d.discount.kind === "PERCENT" ? Math.round(d.discount.bps / 100) : null,
    discount: explicitDiscount(d.discount, fractionDigits(c.currency), discountTitle(d, c)) ?? null,
    items,
    endsAt: d.endsAt ?? null,
  };
}

/** The changeset discount's title: the shopper sees it on the order, so it is the offer's own headline. */
const discountTitle = (d: Decision, c: Pick<Context, "fallback">) => (d.content ?? c.fallback).headline.slice(0, 255);

const subtotalOf = (lines: PurchaseLine[]) => lines.reduce((s, l) => s + l.totalMinor, 0);

/**
 * The offer for this paid order, or null for no page. Decided once per
 * order: later calls replay the stored offer while it is still unanswered.
 */
export async function postPurchaseOffer(shop: string, input: InputData & { referenceId: string }, admin: AdminGraphql, now = Date.now()): Promise<OneClickOffer | null> {
  const key = { shop_referenceId: { shop, referenceId: input.referenceId } };
  const stored = await db.postPurchaseOffer.findUnique({ where: key });
  if (stored && stored.status !== "SHOWN") return null;
  // orders/create may still be on its way: wait for it while the Admin API is asked.
  const [c, carried] = await Promise.all([context(shop, input, admin), carriedMemory(shop, input.referenceId)]);
  const memory = await memoryOf(shop, input.referenceId, c, carried, now);
  // Not decided, not stored: an order whose memory we cannot see is left out of the experiment, whatever its bucket.
  if (!memory) return null;
  const d = decideFor(c, input, memory, now);
  if (!d.show || (stored && stored.offerId !== d.offerId)) {
    if (!stored) {
      const holdout = !d.show ? d.holdout : undefined;
      const data = { shop, referenceId: input.referenceId, status: "NONE", offerId: holdout?.offerId ?? null, bucket: holdout?.bucket ?? null, abVariant: null, customerHash: c.hash };
      // The holdout's "would have been shown" exposure, so the experiment counts its shoppers (decision 0078).
      await createWithImpression(shop, data, now).catch(ignoreDuplicate);
    }
    return null;
  }
  const offer = c.config.offers.find((o) => o.id === d.offerId);
  const view = presentOneClick(c, d, subtotalOf(c.lines), offer?.capBps ?? c.config.settings.capBps);
  if (!view.items.length) return null;
  if (!stored) {
    const created = await createWithImpression(shop, { shop, referenceId: input.referenceId, status: "SHOWN", offerId: d.offerId, bucket: d.bucket ?? null, abVariant: d.abVariantId ?? null, customerHash: c.hash }, now)
      .then(() => true)
      .catch(ignoreDuplicate);
    // A concurrent call stored first: answer with what it stored.
    if (!created) return postPurchaseOffer(shop, input, admin, now);
  }
  return { ...view, referenceId: input.referenceId };
}

/** The order's one decision, and its impression event, together. */
async function createWithImpression(
  shop: string,
  data: { shop: string; referenceId: string; status: string; offerId: string | null; bucket: string | null; abVariant: string | null; customerHash: string | null },
  now: number,
): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.postPurchaseOffer.create({ data });
    await recordPostPurchaseEvent(tx, shop, data, "IMPRESSION", new Date(now));
  });
}

/** Prisma's unique violation: another request for the same order won the insert. */
function ignoreDuplicate(e: unknown): false {
  if (typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002") return false;
  throw e;
}

/** Decides again and signs nothing unless the pick fits this order's offer now. Returns the change and its value. */
export async function oneClickChangeFor(
  shop: string,
  input: InputData & { referenceId: string },
  pick: { offerId: string; variantId: string; quantity: number },
  admin: AdminGraphql,
  now = Date.now(),
): Promise<{ change: AddVariantChange; valueMinor: number; currency: string }> {
  const stored = await db.postPurchaseOffer.findUnique({ where: { shop_referenceId: { shop, referenceId: input.referenceId } } });
  if (!stored || stored.status !== "SHOWN" || stored.offerId !== pick.offerId) throw new OfferRefusedError("This order has no open offer to accept");
  if (stored.changesetId) throw new OfferRefusedError("This order's offer was already accepted");
  const [c, carried] = await Promise.all([context(shop, input, admin), carriedMemory(shop, input.referenceId, 0)]);
  const memory = await memoryOf(shop, input.referenceId, c, carried, now);
  if (!memory) throw new OfferRefusedError("The offer no longer applies to this order");
  const d = decideFor(c, input, memory, now);
  if (!d.show || d.offerId !== pick.offerId) throw new OfferRefusedError("The offer no longer applies to this order");
  const offer = c.config.offers.find((o) => o.id === d.offerId);
  const r = oneClickChange({
    decision: d,
    capBps: offer?.capBps ?? c.config.settings.capBps,
    subtotal: subtotalOf(c.lines),
    variantId: pick.variantId,
    quantity: pick.quantity,
    facts: c.cart.variants?.[pick.variantId],
    shopDigits: fractionDigits(c.currency),
    discountTitle: discountTitle(d, c),
  });
  if (!r.ok) throw new OfferRefusedError(r.message);
  return { change: r.change, valueMinor: r.discountedUnit * pick.quantity, currency: c.currency };
}

/** Claims the order's one changeset: false when another accept already signed one. */
export async function recordSigned(
  shop: string,
  referenceId: string,
  signed: { changesetId: string; valueMinor: number; currency: string; variantId: string; quantity: number },
): Promise<boolean> {
  const r = await db.postPurchaseOffer.updateMany({
    where: { shop, referenceId, status: "SHOWN", changesetId: null },
    data: { ...signed, valueMinor: BigInt(signed.valueMinor) },
  });
  return r.count === 1;
}

/** The shopper's answer, as the page reports it. Only an open offer can be answered, once. */
export async function recordAnswer(shop: string, referenceId: string, answer: "ACCEPTED" | "DECLINED", now = new Date()): Promise<boolean> {
  const where = answer === "ACCEPTED" ? { shop, referenceId, status: "SHOWN", changesetId: { not: null } } : { shop, referenceId, status: "SHOWN" };
  return db.$transaction(async (tx) => {
    const r = await tx.postPurchaseOffer.updateMany({ where, data: { status: answer, answeredAt: now } });
    if (r.count !== 1) return false;
    // The accept is counted when orders/edited confirms it (decision 0078); the decline only the page can tell.
    const row = answer === "DECLINED" ? await tx.postPurchaseOffer.findUnique({ where: { shop_referenceId: { shop, referenceId } } }) : null;
    if (row) await recordPostPurchaseEvent(tx, shop, row, "DECLINE", now);
    return true;
  });
}
