import { json, type ActionFunctionArgs } from "@remix-run/node";
import { authenticate, unauthenticated } from "../shopify.server";
import { parseOfferInput } from "../offers/offer.schema";
import { zodFieldErrors } from "../offers/offers.server";
import { buildPreview, previewAnchors, previewRequestSchema } from "../offers/preview.server";
import { getShopSettings, markPreviewed } from "../offers/settings.server";
import { numericId } from "@tactful/engine/shopify-id";
import { fetchPreviewMembership, fetchPreviewProducts } from "../shopify/preview-products.server";
import { coPurchaseItems } from "../shopify/co-purchase-items.server";
import { coPurchaseProvider } from "../offers/co-purchase-provider.server";
import { fetchShopMoney } from "../shopify/shop-currency.server";
import { fetchShopifyRecommendations, isShopifySource, UNREAD_SHOPIFY_FIX, type ShopifyRecommendations } from "../recommendations/shopify-recommendations.server";

/** POST-only resource route behind the editor's live preview; nothing is saved except "previewed". */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const body = previewRequestSchema.safeParse(await request.json().catch(() => null));
  if (!body.success) return json({ ok: false, errors: zodFieldErrors(body.error) }, { status: 400 });
  let money;
  try {
    money = await fetchShopMoney(admin);
  } catch {
    return json({ ok: false, errors: { form: "Could not read your shop's currency from Shopify; the preview will retry." } }, { status: 503 });
  }
  const offer = parseOfferInput(body.data.offer, money.currency);
  if (!offer.success) return json({ ok: false, errors: zodFieldErrors(offer.error) }, { status: 400 });

  const d = offer.data.definition;
  const productIds = [
    ...d.items.map((i) => i.productId),
    ...d.upgrades.flatMap((u) => [u.from.productId, u.to.productId]),
    ...body.data.cart.map((l) => l.productId),
  ];
  let products;
  let memberships: Record<string, string[]> = {};
  let coPurchase = {};
  try {
    // An automatic offer's co-purchase lists, as the sync would write them (decision record 0085).
    const record = { id: body.data.offerId ?? "preview", name: offer.data.name, status: "ACTIVE" as const, type: offer.data.type, priority: offer.data.priority, moments: offer.data.moments, definition: d };
    coPurchase = await coPurchaseItems(session.shop, admin, [record], {}, coPurchaseProvider);
    const recommended = Object.values(coPurchase).flat() as { productId: string }[];
    products = await fetchPreviewProducts(admin, [...productIds, ...recommended.map((i) => i.productId)]);
    const triggers = d.trigger.collections.map((c) => numericId(c.id));
    if (triggers.length) memberships = await fetchPreviewMembership(admin, body.data.cart.map((l) => l.productId), triggers);
  } catch (error) {
    const message = error instanceof Error ? error.message : "Shopify did not answer";
    return json({ ok: false, errors: { form: `Could not load the products for the preview: ${message}` } }, { status: 502 });
  }
  const { settings, previewedAt } = await getShopSettings(session.shop);
  const inputs = { input: offer.data, offerId: body.data.offerId ?? "preview", settings, products, memberships, coPurchase, request: body.data, money };
  // Shopify's recommendations (decision record 0098): from the Storefront API, for the trigger products this cart holds, only for the intents the offer names.
  let shopify: ShopifyRecommendations = { candidates: [], unavailable: null };
  const sources = d.productsFrom === "RECOMMENDED" ? d.recommendation.sources : [];
  if (sources.some(isShopifySource)) {
    shopify = await fetchShopifyRecommendations(async () => (await unauthenticated.storefront(session.shop)).storefront, sources, previewAnchors(inputs));
    const known = new Set(products.map((p) => numericId(p.id)));
    const missing = [...new Set(shopify.candidates.map((c) => c.item.productId))].filter((id) => !known.has(id));
    // Prices, tags and images as for every other product of the preview: the Admin API's, in the shop currency.
    if (missing.length) {
      try {
        products = [...products, ...(await fetchPreviewProducts(admin, missing))];
      } catch (error) {
        shopify = { candidates: [], unavailable: `could not load the recommended products: ${error instanceof Error ? error.message : "Shopify did not answer"}` };
      }
    }
  }
  const preview = await buildPreview({ ...inputs, products, shopifyCandidates: shopify.candidates, now: Date.now() });
  // Once is enough for Home's checklist; the preview re-runs on every keystroke.
  if (previewedAt === null) await markPreviewed(session.shop);
  return json({
    ok: true,
    // Echoed so the editor never shows one view's answer under the other's tab.
    moment: body.data.moment,
    show: preview.decision.show,
    // With Shopify's recommendations unread, "nothing recommended" is this preview's blind spot, not the offer's: the fix says so.
    reasons: shopify.unavailable === null ? preview.reasons : preview.reasons.map((r) => (r.code === "NO_RECOMMENDATION" ? { ...r, fix: UNREAD_SHOPIFY_FIX } : r)),
    srcdoc: preview.srcdoc,
    assetMissing: preview.assetMissing,
    cartTotal: preview.cartTotal,
    chosen: preview.chosen,
    automatic: d.productsFrom === "RECOMMENDED",
    // Why Shopify's recommendations are missing from this preview, or null when they were read (or not asked for).
    shopifyUnavailable: shopify.unavailable,
    oneClick: preview.oneClick,
  });
};
