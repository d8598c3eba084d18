import {
  BlockStack,
  Bookend,
  Button,
  CalloutBanner,
  Heading,
  Image,
  Layout,
  Select,
  Separator,
  Text,
  TextBlock,
  TextContainer,
  View,
  type ExtensionPoints,
  type PostPurchaseRenderApi,
} from "@shopify/post-purchase-ui-extensions";
import { fractionDigits, toDecimalString } from "@tactful/engine/money";
import type { AddVariantChange, OneClickOffer } from "@tactful/engine/post-purchase";
import { reportAnswer, signAccept } from "./server";
import { stringsFor } from "@tactful/engine/post-purchase-strings";

/*
 * The one-click page (decision 0077): the offer the server decided, a
 * variant and quantity picker capped by the offer, the totals Shopify
 * calculates for exactly the change we would sign (taxes and shipping
 * included), a primary "Pay now" and a plainly visible decline. Urgency only
 * when the offer really ends. The tree is rebuilt on every change of state:
 * it is a handful of components, and remote-ui sends only what changed.
 */

type Root = Parameters<ExtensionPoints["Checkout::PostPurchase::Render"]>[0];
type Api = Pick<PostPurchaseRenderApi, "inputData" | "storage" | "calculateChangeset" | "applyChangeset" | "done">;

interface Totals {
  subtotal: string;
  shipping: string | null;
  taxes: string;
  total: string;
}

interface State {
  item: number;
  variantId: string;
  quantity: number;
  totals: Totals | null;
  busy: boolean;
  error: string | null;
}

export function renderOneClick(root: Root, api: Api, fetchImpl: typeof fetch = fetch): void {
  const stored = api.storage.initialData as OneClickOffer | null | undefined;
  if (!stored || !stored.items.length) {
    void api.done();
    return;
  }
  const offer: OneClickOffer = stored;
  const token = api.inputData.token;
  const s = stringsFor(api.inputData.locale);
  const money = (amount: string, currency: string) => new Intl.NumberFormat(api.inputData.locale, { style: "currency", currency }).format(Number(amount));
  const firstAvailable = (i: number) => offer.items[i]?.variants.find((v) => v.maxQuantity > 0)?.id ?? "";
  const state: State = { item: 0, variantId: firstAvailable(0), quantity: 1, totals: null, busy: false, error: null };

  const change = (): AddVariantChange => ({
    type: "add_variant",
    variantId: Number(state.variantId),
    quantity: state.quantity,
    ...(offer.discount ? { discount: offer.discount } : {}),
  });

  let asked = 0;
  async function recalculate() {
    const mine = ++asked;
    state.totals = null;
    draw();
    const r = await api.calculateChangeset({ changes: [change()] }).catch(() => null);
    if (mine !== asked) return;
    if (!r || r.status !== "processed" || !r.calculatedPurchase) {
      state.error = s.failed;
    } else {
      const p = r.calculatedPurchase;
      const cur = p.totalOutstandingSet.presentmentMoney.currencyCode;
      const shipping = p.addedShippingLines.reduce((n, l) => n + Number(l.priceSet.presentmentMoney.amount), 0);
      const taxes = p.addedTaxLines.reduce((n, l) => n + Number(l.priceSet.presentmentMoney.amount), 0);
      const added = p.updatedLineItems.find((l) => String(l.variantId) === state.variantId);
      state.totals = {
        subtotal: money(added?.totalPriceSet.presentmentMoney.amount ?? "0", cur),
        shipping: shipping > 0 ? money(String(shipping), cur) : null,
        taxes: money(String(taxes), cur),
        total: money(p.totalOutstandingSet.presentmentMoney.amount, cur),
      };
    }
    draw();
  }

  async function accept() {
    state.busy = true;
    state.error = null;
    draw();
    try {
      const signed = await signAccept(token, { offerId: offer.offerId, variantId: state.variantId, quantity: state.quantity }, fetchImpl);
      const r = await api.applyChangeset(signed);
      if (r.status === "unprocessed") throw new Error(r.errors[0]?.message ?? "unprocessed");
      await reportAnswer(token, "ACCEPTED", fetchImpl);
      await api.done();
    } catch {
      state.busy = false;
      state.error = s.failed;
      draw();
    }
  }

  async function decline() {
    state.busy = true;
    draw();
    await reportAnswer(token, "DECLINED", fetchImpl);
    await api.done();
  }

  function draw() {
    for (const c of [...root.children]) root.removeChild(c);
    const item = offer.items[state.item] ?? offer.items[0];
    const variant = item?.variants.find((v) => v.id === state.variantId) ?? item?.variants[0];
    if (!item || !variant) return;
    const h = root.createComponent.bind(root) as (type: unknown, props?: object | null, ...children: unknown[]) => ReturnType<Root["createComponent"]>;
    const price = (minor: number) => money(toDecimalString(minor, fractionDigits(offer.currency)), offer.currency);

    const details: unknown[] = [
      h(Heading, null, offer.content.headline),
      h(TextBlock, null, offer.content.body),
    ];
    if (offer.items.length > 1)
      details.push(h(Select, { label: s.product, value: String(state.item), options: offer.items.map((it, i) => ({ value: String(i), label: it.title })), onChange: (v: string) => pickItem(Number(v)) }));
    else details.push(h(Text, { emphasized: true, size: "medium" }, item.title));
    const priceLine: unknown[] = [];
    if (variant.discountedPrice < variant.price) priceLine.push(h(Text, { role: "deletion", subdued: true }, price(variant.price)), " ");
    priceLine.push(h(Text, { emphasized: true }, price(variant.discountedPrice)));
    if (offer.discountPercent) priceLine.push(" ", h(Text, { appearance: "success" }, s.off(offer.discountPercent)));
    details.push(h(TextBlock, null, ...priceLine));
    if (item.variants.length > 1)
      details.push(
        h(Select, {
          label: s.variant,
          value: state.variantId,
          options: item.variants.map((v) => ({ value: v.id, label: v.title, disabled: v.maxQuantity === 0 })),
          onChange: (v: string) => pickVariant(v),
        }),
      );
    if (variant.maxQuantity > 1)
      details.push(
        h(Select, {
          label: s.quantity,
          value: String(state.quantity),
          options: Array.from({ length: variant.maxQuantity }, (_, i) => ({ value: String(i + 1), label: String(i + 1) })),
          onChange: (v: string) => pickQuantity(Number(v)),
        }),
      );
    if (offer.endsAt) details.push(h(Text, { subdued: true }, s.endsOn(new Intl.DateTimeFormat(api.inputData.locale, { dateStyle: "medium" }).format(offer.endsAt))));
    details.push(h(Separator, null));
    if (state.totals) {
      const row = (label: string, value: string, strong = false) => h(Bookend, { trailing: true }, h(Text, strong ? { emphasized: true } : null, label), h(Text, strong ? { emphasized: true } : null, value));
      details.push(
        h(
          BlockStack,
          { spacing: "tight" },
          row(s.subtotal, state.totals.subtotal),
          row(s.shipping, state.totals.shipping ?? s.free),
          row(s.taxes, state.totals.taxes),
          row(s.total, state.totals.total, true),
        ),
      );
    }
    if (state.error) details.push(h(TextContainer, null, h(Text, { appearance: "critical" }, state.error)));
    details.push(
      h(
        BlockStack,
        { spacing: "tight" },
        h(Button, { onPress: () => void accept(), loading: state.busy, disabled: state.busy || !state.totals || variant.maxQuantity === 0 }, state.totals ? s.pay(state.totals.total) : s.pay("…")),
        h(Button, { subdued: true, onPress: () => void decline(), disabled: state.busy }, s.decline),
      ),
    );

    const media = item.image ? h(Image, { source: item.image.url, description: item.image.alt, aspectRatio: 1, fit: "cover" }) : h(View, null);
    root.appendChild(
      h(
        BlockStack,
        { spacing: "loose" },
        offer.discountPercent ? h(CalloutBanner, { title: offer.content.headline, background: "secondary", border: "none", spacing: "tight" }, s.off(offer.discountPercent)) : h(View, null),
        h(Layout, { maxInlineSize: 0.95, media: [{ viewportSize: "small", sizes: [1, 0, 1], maxInlineSize: 0.9 }, { viewportSize: "medium", sizes: [0.45, 38, 0.55], maxInlineSize: 0.9 }, { viewportSize: "large", sizes: [0.45, 38, 0.55] }] }, media, h(View, null), h(BlockStack, { spacing: "loose" }, ...details)),
      ) as never,
    );
  }

  function pickItem(i: number) {
    state.item = i;
    state.variantId = firstAvailable(i);
    state.quantity = 1;
    state.error = null;
    void recalculate();
  }
  function pickVariant(id: string) {
    state.variantId = id;
    state.quantity = 1;
    state.error = null;
    void recalculate();
  }
  function pickQuantity(q: number) {
    state.quantity = q;
    state.error = null;
    void recalculate();
  }

  draw();
  void root.mount();
  void recalculate();
}
