/** @jsxImportSource preact */
import { useEffect, useRef, useState } from "preact/hooks";
import { decide, mergeMemory, numericId, parseMemoryAttribute, type Decision, type Moment } from "@tactful/engine";
import { heldOutOffers, major, needsTags, offeredVariantIds, permalink, readConfig, toCart, usableOffers, type CheckoutLine, type MetafieldEntry } from "./read-checkout";
import { beacon, eventsUrl, sendEvents, type FetchLike } from "./events";
import { carryMemory, loadMemory, saveMemory, withAccepted, withCarried, withDismissed, withShown, type Stored } from "./memory";
import type { ShopifyApi } from "./shopify-api";
import { fetchOfferFacts, type OfferFacts } from "./storefront-prices";
import { postPurchaseAnswer } from "./post-purchase-answer";

export interface OfferBlockProps {
  api: ShopifyApi;
  moment: Extract<Moment, "CHECKOUT" | "THANK_YOU">;
  now?: () => number;
  fetchFn?: FetchLike | undefined;
}

type View =
  | { phase: "loading" }
  | { phase: "hidden" }
  | { phase: "offer"; decision: Decision; facts: OfferFacts; currency: string; stored: Stored }
  | { phase: "added" };

/** Facts queries keyed by what was asked: re-deciding after a cart change does not query again. */
const factsCache = new Map<string, Promise<OfferFacts | null>>();

const domainOf = (api: ShopifyApi) => api.shop.storefrontUrl ?? `https://${api.shop.myshopifyDomain}`;

export function OfferBlock({ api, moment, now = Date.now, fetchFn = globalThis.fetch?.bind(globalThis) }: OfferBlockProps) {
  // Reading the signals here re-renders the block when the cart or config changes.
  const lines = api.lines.value as unknown as CheckoutLine[];
  const entries = api.appMetafields.value as unknown as MetafieldEntry[];
  const attributes = api.attributes.value;
  const locale = api.localization.language.value.isoCode;
  const currency = api.localization.currency.value.isoCode;
  const country = api.localization.country.value?.isoCode;
  const market = api.localization.market.value?.handle;
  const loggedIn = Boolean(api.buyerIdentity?.customer.value);
  const isFirstOrder = api.orderConfirmation?.value.isFirstOrder;
  const session = api.checkoutToken.value ?? "checkout";

  const [view, setView] = useState<View>({ phase: "loading" });
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  // The memory as it was when the block opened: the offer shown now stays shown while the cart changes.
  const memory = useRef<Promise<Stored> | null>(null);
  memory.current ??= loadMemory(api.storage, session, now());
  // What the cart carried in when the block opened; our own write-backs change the attribute later and must not hide the offer shown now.
  const carried = useRef(attributes);
  // Asked once per block: the post-purchase page's answer for this order (thank-you only).
  const pageAnswer = useRef<Promise<string | null> | null>(null);
  const impressed = useRef(new Set<string>());

  const t = (key: string, values?: Record<string, string>) => String(api.i18n.translate(key, values));
  const money = (minorAmount: number) => api.i18n.formatCurrency(major(minorAmount, currency), { currency });
  const report = (stored: Stored, events: Parameters<typeof beacon>[2]) => sendEvents(fetchFn, eventsUrl(domainOf(api)), beacon(stored.visitor, stored.session, events));

  useEffect(() => {
    let live = true;
    const hide = () => live && setView((v) => (v.phase === "added" ? v : { phase: "hidden" }));
    (async () => {
      const config = readConfig(entries, locale);
      if (!config) return hide();
      const variantIds = offeredVariantIds(config, moment);
      if (!variantIds.length) return hide();
      const productIds = needsTags(config, moment) ? [...new Set(lines.map((l) => numericId(l.merchandise.product.id)))] : [];
      const key = JSON.stringify([variantIds, productIds, country, currency]);
      let pending = factsCache.get(key);
      if (!pending) factsCache.set(key, (pending = fetchOfferFacts(api.query, variantIds, productIds, country, currency)));
      const [facts, own] = await Promise.all([pending, memory.current as Promise<Stored>]);
      if (!facts) return hide();
      let stored = withCarried(own, carried.current, config.offers.map((o) => o.id), now());
      if (moment === "THANK_YOU" && config.offers.some((o) => o.moments.includes("POST_PURCHASE"))) {
        const sessionToken = api.sessionToken;
        pageAnswer.current ??= postPurchaseAnswer(fetchFn, sessionToken ? () => sessionToken.get() : undefined, api.orderConfirmation?.value.order.id);
        const answered = await pageAnswer.current;
        if (answered === null) return hide();
        stored = { ...stored, memory: mergeMemory(stored.memory, parseMemoryAttribute(answered, config.offers.map((o) => o.id), now())) };
      }
      const usable = usableOffers(config, facts.shopCurrency === currency, heldOutOffers(attributes));
      const cart = { ...toCart(lines, currency, facts.tags), variants: facts.variants };
      const decision = decide(
        usable,
        cart,
        {
          moment,
          loggedIn,
          // Customer tags need protected customer data; tag segments therefore never match here (fail closed).
          customerTags: [],
          ...(isFirstOrder === undefined ? {} : { returning: !isFirstOrder }),
          ...(country ? { country } : {}),
          ...(market ? { market } : {}),
          locale,
          visitorId: stored.visitor,
        },
        stored.memory,
        now(),
      );
      if (!live) return;
      if (!decision.show) return hide();
      // Answers are recorded on top of this show, so the session's count keeps it.
      const shown = withShown(stored, decision.offerId);
      setView((v) => (v.phase === "added" ? v : { phase: "offer", decision, facts, currency, stored: shown }));
      if (!impressed.current.has(decision.offerId)) {
        impressed.current.add(decision.offerId);
        void saveMemory(api.storage, shown);
        void carryMemory(api, shown.memory, now());
        void report(stored, [{ type: "impression", offer: decision.offerId, ...arm(decision), moment, ts: now() }]);
      }
    })().catch(hide);
    return () => {
      live = false;
    };
    // The signal values are the inputs; `api` and callbacks are stable for the extension's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lines, entries, attributes, locale, currency, country, market, loggedIn, isFirstOrder]);

  if (view.phase === "loading") return <s-skeleton-paragraph />;
  if (view.phase === "added") return <s-banner tone="success">{t("added")}</s-banner>;
  if (view.phase === "hidden") return null;

  const { decision, facts, stored } = view;
  const item = decision.items[0];
  const variantId = item?.variantIds[0];
  const display = variantId === undefined ? undefined : facts.display[variantId];
  if (!item || variantId === undefined || !display || item.unitPrice === undefined) return null;
  const price = item.discountedPrice ?? item.unitPrice;
  const content = decision.content;
  const upgrade = decision.type === "UPSELL";

  const attributesFor = () => [{ key: "_tactful_offer", value: decision.offerId }, ...(decision.abVariantId ? [{ key: "_tactful_variant", value: decision.abVariantId }] : [])];

  const accept = async () => {
    const apply = api.applyCartLinesChange;
    if (!apply || busy) return;
    setBusy(true);
    setFailed(false);
    const merchandiseId = `gid://shopify/ProductVariant/${variantId}`;
    const result = await apply(
      upgrade && item.replacesLineKey
        ? { type: "updateCartLine", id: item.replacesLineKey, merchandiseId, attributes: attributesFor() }
        : { type: "addCartLine", merchandiseId, quantity: 1, attributes: attributesFor() },
    ).catch(() => ({ type: "error" as const, message: "applyCartLinesChange threw" }));
    setBusy(false);
    // The host's message is for developers, not buyers: show our own words.
    if (result.type === "error") return setFailed(true);
    const answered = withAccepted(stored, decision.offerId);
    void saveMemory(api.storage, answered);
    void carryMemory(api, answered.memory, now());
    void report(stored, [{ type: "accept", offer: decision.offerId, ...arm(decision), moment, ts: now(), value: price, currency: view.currency }]);
    setView({ phase: "added" });
  };

  const decline = () => {
    const answered = withDismissed(stored, decision.offerId, now());
    // Writing the attribute back re-runs the decision: it must see this decline.
    memory.current = Promise.resolve(answered);
    void saveMemory(api.storage, answered);
    void carryMemory(api, answered.memory, now());
    void report(stored, [{ type: "decline", offer: decision.offerId, ...arm(decision), moment, ts: now() }]);
    setView({ phase: "hidden" });
  };

  const clickThrough = () => void report(stored, [{ type: "click", offer: decision.offerId, ...arm(decision), moment, ts: now() }]);

  return (
    <s-section heading={content?.headline ?? t(moment === "THANK_YOU" ? "thankYouHeadline" : upgrade ? "upgradeHeadline" : "headline")}>
      <s-stack gap="base">
        <s-stack direction="inline" gap="base" alignItems="center">
          {display.image ? <s-product-thumbnail src={display.image.url} alt={display.image.alt} /> : null}
          <s-stack gap="small-200">
            <s-text type="strong">{display.title}</s-text>
            {display.variantTitle ? <s-text color="subdued">{display.variantTitle}</s-text> : null}
            <s-text>{price < item.unitPrice ? t("discountedPrice", { price: money(price), original: money(item.unitPrice) }) : money(price)}</s-text>
          </s-stack>
        </s-stack>
        {failed ? <s-banner tone="critical">{t("addFailed")}</s-banner> : null}
        <s-stack direction="inline" gap="base">
          {moment === "THANK_YOU" ? (
            <s-button variant="primary" href={permalink(domainOf(api), variantId, decision.offerId, decision.abVariantId)} onClick={clickThrough}>
              {content?.accept ?? t("buyNow")}
            </s-button>
          ) : (
            <s-button variant="primary" loading={busy} onClick={() => void accept()}>
              {content?.accept ?? t(upgrade ? "upgrade" : "add")}
            </s-button>
          )}
          <s-button variant="secondary" onClick={decline}>
            {content?.decline ?? t("decline")}
          </s-button>
        </s-stack>
      </s-stack>
    </s-section>
  );
}

function arm(d: Decision): { variant?: string; bucket?: string } {
  return { ...(d.abVariantId ? { variant: d.abVariantId } : {}), ...(d.bucket ? { bucket: d.bucket } : {}) };
}

/** Test hook: forget cached Storefront answers between renders. */
export const clearFactsCache = () => factsCache.clear();
