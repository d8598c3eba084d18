import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { decide } from "@tactful/engine/decide";
import { fractionDigits, fromDecimalString, minorRateMicros } from "@tactful/engine/money";
import { purchaseCart, type OneClickOffer } from "@tactful/engine/post-purchase";
import type { Candidate, Cart, Content, DecideResult, FrequencyMemory, OfferedItem, RecSource, ShopSettings, VariantPriceAndStock } from "@tactful/engine/types";
import { autoAnchors } from "@tactful/engine/recommend";
import { summarizeCart } from "@tactful/engine/trigger";
import { numericId } from "@tactful/engine/shopify-id";
import { explainCodes, type HiddenReason, type OfferFacts } from "./hidden-reasons";
import { compileStorefrontConfig, storefrontMetafields } from "./offer-compiler";
import { MOMENTS } from "@tactful/engine/types";
import type { OfferInput, OfferRecord } from "./offer.schema";
import { localeSchema } from "./settings.schema";
import type { PreviewProduct } from "../shopify/preview-products.server";
import type { ShopMoney } from "../shopify/shop-money";
import { presentOneClick } from "../post-purchase/offer.server";

/*
 * The editor's live preview: the offer being edited, compiled by the same
 * compiler, decided by the same engine, and rendered by the storefront's own
 * built script inside a sandboxed srcdoc iframe (docs/decisions: preview
 * isolation). Nothing here is saved.
 */

/**
 * Built by `npm run build:storefront`; read per request so a rebuild shows up without a restart.
 * The loader, then the popup module: the module announces itself to the loader when it runs
 * (decision record 0067), and the frame has no network to fetch it from.
 * Not the cart chunk (tactful-cart.js, decision record 0081): the preview
 * changes no cart, so its runtime never asks for it.
 */
export const EMBED_ASSETS = ["tactful.js", "tactful-popup.js"].map((f) => path.join("extensions", "tactful-embed", "assets", f));

const gidOrNumber = z.string().regex(/^(gid:\/\/shopify\/\w+\/)?\d+$/, { error: "Not a Shopify id" });

export const previewRequestSchema = z.object({
  offer: z.unknown(),
  offerId: z.string().max(64).optional(),
  cart: z
    .array(
      z.object({
        productId: gidOrNumber,
        variantId: gidOrNumber,
        quantity: z.int({ error: "Quantity must be a whole number" }).min(1, { error: "Quantity must be 1 to 99" }).max(99, { error: "Quantity must be 1 to 99" }),
      }),
    )
    .max(20, { error: "Use at most 20 sample cart lines" }),
  moment: z.enum(MOMENTS).default("ADD_TO_CART"),
  locale: localeSchema.optional(),
  loggedIn: z.boolean().default(false),
  /** Preview one A/B variant's copy and discount; null = the offer's own. */
  abVariant: z.string().nullable().default(null),
});
export type PreviewRequest = z.output<typeof previewRequestSchema>;

const RTL = new Set(["ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"]);
export const isRtl = (locale: string) => RTL.has(locale.split("-")[0]?.toLowerCase() ?? "");

/** What the explanation needs to know about the offer: its moments, and what it offers by name. */
export function offerFacts(input: Pick<OfferInput, "type" | "moments" | "definition">): OfferFacts {
  const d = input.definition;
  const offered = input.type === "UPSELL" ? d.upgrades.map((u) => u.to.title || u.to.handle) : d.items.map((i) => i.title || i.handle);
  return { type: input.type, moments: input.moments, offered: [...new Set(offered.filter(Boolean))] };
}

/** Why the engine hid this offer, the main reason first, each with a fix (decision record 0075). */
export function explainDecision(result: DecideResult, offer: OfferFacts, offerId?: string): HiddenReason[] {
  if (result.show) return [];
  const own = offerId === undefined ? result.reasons : result.reasons.filter((r) => r.offerId === offerId);
  return own.flatMap((r) => explainCodes(r.codes, r.detail, offer));
}

/** The offer as the editor would save it, with one A/B arm folded in so the preview is deterministic. */
function previewRecord(input: OfferInput, id: string, abVariant: string | null): OfferRecord {
  const d = input.definition;
  const v = abVariant ? d.abVariants.find((x) => x.id === abVariant) : undefined;
  return {
    id,
    name: input.name,
    status: "ACTIVE",
    type: input.type,
    priority: input.priority,
    moments: input.moments,
    definition: {
      ...d,
      content: v?.content ? { ...d.content, ...v.content } : d.content,
      discount: v?.discount ?? d.discount,
      delayMs: 0,
      abVariants: [],
      holdoutBps: 0,
    },
  };
}

/** A price from the Admin API ("3000.00") in the Ajax API's units: hundredths for every currency, yen too. */
const ajaxUnits = (price: string) => fromDecimalString(price, 2) ?? 0;

/** /products/<handle>.js, as the Ajax API shapes it (prices in hundredths of the currency). */
function ajaxProduct(p: PreviewProduct) {
  return {
    id: Number(numericId(p.id)),
    title: p.title,
    handle: p.handle,
    tags: p.tags ?? [],
    featured_image: p.featuredImage?.url ?? null,
    images: p.featuredImage ? [p.featuredImage.url] : [],
    variants: p.variants.nodes.map((v) => ({
      id: Number(numericId(v.id)),
      title: v.title,
      price: ajaxUnits(v.price),
      compare_at_price: v.compareAtPrice ? ajaxUnits(v.compareAtPrice) : null,
      available: v.availableForSale,
      featured_image: p.featuredImage ? { src: p.featuredImage.url } : null,
    })),
  };
}

/** A JSON value that is safe inside <script type="application/json">. */
const scriptJson = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value)).replace(/</g, "\\u003c");
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

export interface PreviewResult {
  decision: DecideResult;
  /** The main reason first, each with its fix; empty when it shows. */
  reasons: HiddenReason[];
  srcdoc: string;
  assetMissing: boolean;
  cartTotal: number;
  /** An automatic offer's products with the source that chose each. */
  chosen: { title: string; source: RecSource }[];
  /** At the "After payment (one click)" moment: what Shopify's post-purchase page would show, as the page's server presents it; else null. */
  oneClick: OneClickPreview | null;
}

/** The post-purchase page's preview: the offer as its server presents it, in the preview's language and direction. */
export interface OneClickPreview {
  offer: OneClickOffer;
  locale: string;
  dir: "ltr" | "rtl";
}

interface PreviewInputs {
  input: OfferInput;
  offerId: string;
  settings: ShopSettings;
  products: PreviewProduct[];
  /** Numeric product id -> the offer's trigger collections it is in (fetchPreviewMembership). */
  memberships?: Record<string, string[]>;
  request: PreviewRequest;
  /** An automatic offer's co-purchase lists for its trigger products (decision record 0085). */
  coPurchase?: Record<string, OfferedItem[]>;
  /** The shop's currency and money format: the preview shopper pays in it. */
  money: ShopMoney;
}

/** The offer compiled as the sync would, and the sample cart as the storefront script would build it. */
function previewSetup(args: PreviewInputs & { shopifyCandidates?: Candidate[] }) {
  const { input, settings, products, request, money } = args;
  const shopDigits = fractionDigits(money.currency);
  const record = previewRecord(input, args.offerId, request.abVariant);
  // The storefront's collection map, cut down to the sample cart's products: what a shopper's page knows about them.
  const collections: Record<string, string[]> = {};
  for (const [productId, cs] of Object.entries(args.memberships ?? {})) for (const c of cs) (collections[c] ??= []).push(productId);
  const config = compileStorefrontConfig([record], settings, { collections, coPurchase: args.coPurchase ?? {} });

  const byId = new Map(products.map((p) => [numericId(p.id), p]));
  const variantOf = (productId: string, variantId: string) => byId.get(numericId(productId))?.variants.nodes.find((v) => numericId(v.id) === numericId(variantId));

  const lines = request.cart.flatMap((l, i) => {
    const v = variantOf(l.productId, l.variantId);
    const p = byId.get(numericId(l.productId));
    if (!v || !p) return [];
    return [{ key: `preview-${i}`, product: p, variant: v, quantity: l.quantity, unitPrice: ajaxUnits(v.price) }];
  });
  // Shopify's recommendations (decision record 0098) with the tags the exclusions read, as the storefront's product JSON has them;
  // one the Admin API no longer has has no price either, and is dropped rather than stopping the choice (PRICE_UNKNOWN).
  const candidates = (args.shopifyCandidates ?? []).flatMap((c) => {
    const p = byId.get(c.item.productId);
    return p ? [{ ...c, tags: p.tags ?? [] }] : [];
  });
  const cart: Cart = {
    currency: money.currency,
    // As the storefront script does: cart amounts in hundredths, offer amounts in the shop currency's minor units.
    rateMicros: minorRateMicros(1_000_000, 2, shopDigits),
    // Tags as the storefront reads them from the product JSON; collections come through the config's map above.
    lines: lines.map((l) => {
      const productId = numericId(l.product.id);
      return { key: l.key, productId, variantId: numericId(l.variant.id), quantity: l.quantity, unitPrice: l.unitPrice, tags: l.product.tags ?? [] };
    }),
    variants: Object.fromEntries(products.flatMap((p) => p.variants.nodes.map((v) => [numericId(v.id), { unitPrice: ajaxUnits(v.price), available: v.availableForSale }]))),
    ...(candidates.length ? { candidates } : {}),
  };
  return { config, cart, lines, byId, variantOf, shopDigits };
}

/**
 * The trigger products an automatic offer would ask Shopify's recommendations
 * for in this sample cart, by the engine's own rule (autoAnchors): numeric
 * ids, at most MAX_ANCHORS. Empty for a fixed offer.
 */
export function previewAnchors(args: PreviewInputs): string[] {
  const { config, cart } = previewSetup(args);
  const offer = config.offers[0];
  return offer?.auto ? autoAnchors(offer, summarizeCart(cart), config.collections) : [];
}

export async function buildPreview(
  args: PreviewInputs & {
    /** Shopify's recommendations for the anchors (fetchShopifyRecommendations, decision record 0098), fed to the engine as the storefront feeds it. */
    shopifyCandidates?: Candidate[];
    now: number;
  },
): Promise<PreviewResult> {
  const { input, settings, products, request, money } = args;
  const locale = request.locale ?? Object.keys(input.definition.content)[0] ?? settings.defaultLocale;
  const { config, cart, lines, byId, variantOf, shopDigits } = previewSetup(args);
  const memory: FrequencyMemory = { shownThisSession: 0, dismissedAt: {}, accepted: [], shownOfferIds: [] };
  // After payment the sample cart is the paid order, in the shop currency's own minor units, as the page's server sees it (post-purchase/offer.server.ts).
  const paid = request.moment === "POST_PURCHASE" ? paidOrder(cart, lines, products, money.currency) : null;
  const decision = decide(config, paid?.cart ?? cart, { moment: request.moment, loggedIn: request.loggedIn, customerTags: [], locale, visitorId: "admin-preview" }, memory, args.now);
  const oneClickOffer =
    paid && decision.show
      ? presentOneClick(
          { cart: paid.cart, products: byId, currency: money.currency, fallback: (decision.content ?? Object.values(input.definition.content)[0]) as Content },
          decision,
          paid.subtotal,
          config.offers.find((o) => o.id === decision.offerId)?.capBps ?? settings.capBps,
        )
      : null;

  const total = lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
  const cartJs = {
    token: "preview",
    note: null,
    attributes: {},
    currency: money.currency,
    item_count: lines.reduce((s, l) => s + l.quantity, 0),
    total_price: total,
    original_total_price: total,
    items_subtotal_price: total,
    total_discount: 0,
    requires_shipping: true,
    items: lines.map((l) => ({
      key: l.key,
      id: Number(numericId(l.variant.id)),
      variant_id: Number(numericId(l.variant.id)),
      product_id: Number(numericId(l.product.id)),
      handle: l.product.handle,
      title: l.variant.title === "Default Title" ? l.product.title : `${l.product.title} - ${l.variant.title}`,
      product_title: l.product.title,
      variant_title: l.variant.title === "Default Title" ? null : l.variant.title,
      quantity: l.quantity,
      price: l.unitPrice,
      original_price: l.unitPrice,
      final_price: l.unitPrice,
      line_price: l.unitPrice * l.quantity,
      final_line_price: l.unitPrice * l.quantity,
      image: l.product.featuredImage?.url ?? null,
      properties: {},
    })),
  };

  // An automatic offer shows in the frame with the products chosen here: the frame has no recommendations to fetch.
  const framed = decision.show && config.offers[0]?.auto ? { ...config, offers: config.offers.map((o) => ({ ...o, auto: undefined, items: decision.items.map((i) => ({ productId: i.productId, handle: i.handle, variantIds: i.variantIds })) })) } : config;
  const metafields = storefrontMetafields(framed);
  const mainConfig = metafields.find((m) => m.key === "config")?.value ?? "{}";
  // As the embed's Liquid picks it: the locale's text, else its base language's, never another language's (decision record 0074),
  // and beside it the default locale's when an offer allows it as a fallback (0091).
  const textKey = [`content_${locale.toLowerCase()}`, `content_${locale.split("-")[0]?.toLowerCase()}`].find((k) => metafields.some((m) => m.key === k));
  const own = metafields.find((m) => m.key === textKey)?.value ?? "null";
  const fallbackKey = `content_${config.settings.defaultLocale.toLowerCase()}`;
  const fallback = config.offers.some((o) => o.fallbackToDefaultLocale) && fallbackKey !== textKey ? metafields.find((m) => m.key === fallbackKey)?.value : undefined;
  const content = fallback ? `[${own},${fallback}]` : own;
  const context = {
    strings: await popupStrings(locale),
    loggedIn: request.loggedIn,
    customerTags: [],
    country: "US",
    currency: money.currency,
    shopDigits,
    locale,
    root: "/",
    pageType: "product",
    moneyFormat: money.moneyFormat,
    preview: { cart: cartJs, products: Object.fromEntries(products.map((p) => [p.handle, ajaxProduct(p)])), moment: request.moment },
  };

  let script: string | null = null;
  try {
    const files = await Promise.all(EMBED_ASSETS.map((f) => readFile(path.resolve(process.cwd(), f), "utf8")));
    script = files.map((js) => `<script>${js.replace(/<\/script/gi, "<\\/script")}</script>`).join("\n");
  } catch {
    script = null;
  }
  const dir: "ltr" | "rtl" = isRtl(locale) ? "rtl" : "ltr";
  const body = script
    ? `<script type="application/json" id="tactful-config">${scriptJson(mainConfig)}</script>
<script type="application/json" id="tactful-content">${scriptJson(content)}</script>
<script type="application/json" id="tactful-context">${scriptJson(context)}</script>
${script}`
    : `<div class="placeholder"><strong>The storefront popup script is not built yet.</strong><br>${escapeHtml(EMBED_ASSETS.join(" or "))} is missing; the preview appears once it exists. The explanation beside this frame is already the engine's real answer.</div>`;

  // No network at all: the CSP allows inline code and https images only, and the sandbox gives the frame an opaque origin.
  const srcdoc = `<!doctype html>
<html lang="${escapeHtml(locale)}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src https: data:; font-src data:">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Popup preview</title>
<style>
html,body{margin:0;height:100%;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif;background:#f1f1f1;color:#303030}
.page{padding:16px;opacity:.55}
.bar{height:12px;background:#d4d4d4;border-radius:6px;margin:10px 0}
.placeholder{margin:24px;padding:16px;border:1px dashed #8a8a8a;border-radius:8px;background:#fff;line-height:1.5}
</style>
</head>
<body>
<div class="page" aria-hidden="true"><div class="bar" style="width:40%"></div><div class="bar" style="width:70%"></div><div class="bar" style="width:55%"></div></div>
${body}
</body>
</html>`;
  const d = input.definition;
  const offeredRefs = input.type === "UPSELL" ? d.upgrades.map((u) => u.to) : d.items;
  // An offered product is unavailable when none of its offered variants can be bought, or Shopify no longer has it.
  const unavailable = offeredRefs
    .filter((ref) => !ref.variantIds.some((id) => variantOf(ref.productId, id)?.availableForSale))
    .map((ref) => ref.title || ref.handle);
  const reasons = explainDecision(decision, { ...offerFacts(input), unavailable, locale }, args.offerId);
  // Which source chose each product of an automatic offer, for the panel (decision record 0085).
  const chosen = decision.show ? decision.items.flatMap((i) => (i.source ? [{ title: byId.get(i.productId)?.title ?? i.handle, source: i.source }] : [])) : [];
  const oneClick = oneClickOffer ? { offer: oneClickOffer, locale, dir } : null;
  return { decision, reasons, srcdoc, assetMissing: script === null, cartTotal: total, chosen, oneClick };
}

/** The sample cart as a paid order: the post-purchase page's cart (purchaseCart) and its subtotal, both in the shop currency's minor units. */
function paidOrder(cart: Cart, lines: { variant: PreviewProduct["variants"]["nodes"][number]; quantity: number }[], products: PreviewProduct[], currency: string) {
  const digits = fractionDigits(currency);
  const variants: Record<string, VariantPriceAndStock> = {};
  for (const p of products)
    for (const v of p.variants.nodes) {
      const price = fromDecimalString(v.price, digits);
      if (price !== null) variants[numericId(v.id)] = { unitPrice: price, available: v.availableForSale };
    }
  const purchase = cart.lines.map((l, i) => ({
    productId: l.productId,
    variantId: l.variantId,
    quantity: l.quantity,
    totalMinor: (fromDecimalString(lines[i]?.variant.price ?? "0", digits) ?? 0) * l.quantity,
    tags: l.tags,
  }));
  return { cart: purchaseCart(currency, purchase, variants), subtotal: purchase.reduce((s, l) => s + l.totalMinor, 0) };
}

const LOCALES_DIR = "extensions/tactful-embed/locales";

/**
 * The popup's own strings (close, added, …) for a locale, from the theme
 * extension's locale files, the same ones Shopify's `t` filter reads for the
 * embed: the language, else the default locale.
 */
export async function popupStrings(locale: string): Promise<Record<string, string>> {
  const read = async (file: string) => {
    try {
      const parsed = z.object({ popup: z.record(z.string(), z.string()) }).safeParse(JSON.parse(await readFile(path.resolve(process.cwd(), LOCALES_DIR, file), "utf8")));
      return parsed.success ? parsed.data.popup : {};
    } catch {
      return {};
    }
  };
  const fallback = await read("en.default.json");
  return { ...fallback, ...(await read(`${locale.split("-")[0]?.toLowerCase() ?? "en"}.json`)) };
}
