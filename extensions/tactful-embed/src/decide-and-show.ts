import { applyDiscount, byPriority, decideWith, encodeMemoryAttribute, MAX_ITEMS, MEMORY_ATTRIBUTE } from "@tactful/engine";
import type { CompiledOffer, Decision, Moment, ShopperContext, StorefrontConfig, VariantPriceAndStock } from "@tactful/engine/types";
import { asAjaxCart, toCart, pricesAndStock } from "./ajax";
import type { Track } from "./beacon";
import type { CartOps } from "./cart-ops";
import { moneyFormatter } from "./format";
import type { Memory } from "./memory";
import { TAG, definePopup, type CardView, type Option, type PopupView, type TactfulPopup } from "./popup";
import type { Recommender } from "./recommend";
import type { AjaxCart, AjaxProduct, EmbedContext, Strings } from "./types";

export interface Runtime {
  config: StorefrontConfig;
  ctx: EmbedContext;
  strings: Strings;
  rateMicros: number;
  memory: Memory;
  track: Track;
  product: (handle: string) => Promise<AjaxProduct | null>;
  getCart: () => Promise<AjaxCart>;
  /** Absent in preview: nothing in the cart changes. */
  ops?: LazyCartOps;
  /** Preview renders at once. */
  noDelay?: boolean;
}

/** The cart changes, which arrive in their own chunk; `load` asks for it ahead of Accept (decision record 0081). */
export type LazyCartOps = CartOps & { load(): Promise<unknown>; recommender(): Promise<Recommender> };

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Called with the body of a successful /cart/add(.js) (the added lines, or
 * the one line) while /cart.js is still on its way: the same decision as
 * below, on a cart of just those lines, starts loading the product JSON it
 * asks for. So only offers that could show for them are fetched (moment,
 * schedule, segment, frequency, and a trigger those lines satisfy, tags
 * included, read from the added product's JSON), and the decision after
 * /cart.js finds these requests in the cache, in flight or done.
 */
export async function warm(runtime: Runtime, body: Promise<unknown>): Promise<void> {
  const b = (await body) as { items?: unknown };
  const added = asAjaxCart({ currency: "", items: b.items ?? [b] });
  if (added) await decideWithPrices(runtime, "ADD_TO_CART", added);
}

/**
 * Decides with the engine; when it says PRICE_UNKNOWN, the offered products'
 * real prices come from the shop's own product JSON (in the shopper's
 * currency) and it decides again, so the cap is judged on real prices.
 * Without a popup to show, decide reports every offer, so one round finds
 * every price; an automatic offer may take a second, for the prices of the
 * products its sources named in the first.
 */
export async function decideWithPrices(runtime: Runtime, moment: Moment, cart: AjaxCart) {
  const { config } = runtime;
  const tags: Record<string, string[]> = {};
  if (config.offers.some((o) => o.trigger.tags.length))
    await Promise.all(
      cart.items.map(async (i) => {
        const p = await runtime.product(i.handle);
        if (p?.tags) tags[i.handle] = p.tags;
      }),
    );
  const engineCart = toCart(cart, runtime.rateMicros, tags);
  const variants: Record<string, VariantPriceAndStock> = (engineCart.variants = {});
  const c = runtime.ctx;
  const shopper: ShopperContext = {
    moment,
    loggedIn: !!c.loggedIn,
    customerTags: c.customerTags ?? [],
    locale: c.locale ?? "en",
    visitorId: runtime.memory.visitor,
    returning: c.returning,
    country: c.country,
    market: c.market,
  };
  const memory = runtime.memory.view();
  // Automatic offers at this moment: their chooser and Shopify's recommendations come with the cart chunk (decision record 0085).
  const rec = config.offers.some((o) => o.auto && o.moments.includes(moment)) ? await runtime.ops?.recommender().catch(() => undefined) : undefined;
  const decideNow = () => decideWith(rec?.choose, config, engineCart, shopper, memory, Date.now());
  let d = decideNow();
  const asked = new Set<string>();
  // At most two more rounds: recommendations and missing prices, then prices of what was recommended.
  for (let round = 0; round < 2; round++) {
    // An offer shows: automatic offers of higher priority may only lack their recommendations, so they are judged alone.
    const shown = d.show && config.offers.find((o) => o.id == (d as Decision).offerId);
    const ahead = shown ? config.offers.filter((o) => o.auto && byPriority(o, shown) < 0) : [];
    const judged = shown ? (rec && ahead.length ? decideWith(rec.choose, { ...config, offers: ahead }, engineCart, shopper, memory, Date.now()) : d) : d;
    if (judged.show && judged != d) break;
    // Prices of offers blocked by nothing but a missing price, and recommendations for automatic offers
    // blocked only by what they can change: fetched (cached) and decided again.
    const handles = new Set<string>();
    const filled: Promise<void>[] = [];
    const fill = (o: CompiledOffer) => {
      if (asked.has(o.id)) return;
      asked.add(o.id);
      filled.push(rec?.fill(o, engineCart, config.collections, c.inv) ?? Promise.resolve());
    };
    for (const r of judged.show ? [] : judged.reasons)
      for (const o of config.offers)
        if (o.id == r.offerId) {
          if (r.codes.join() == "PRICE_UNKNOWN") for (const it of [...o.items, ...o.upgrades.map((u) => u.to)]) handles.add(it.handle);
          // An automatic offer asks Shopify once, when nothing but its products keeps it hidden, or when it shows with places left.
          if (rec && o.auto) {
            if (r.codes.includes("PRICE_UNKNOWN")) for (const h of rec.handles(o, engineCart, config.collections)) handles.add(h);
            if (r.codes.every((x) => x == "NO_RECOMMENDATION" || x == "OVER_PRICE_CAP" || x == "UNAVAILABLE" || x == "PRICE_UNKNOWN")) fill(o);
          }
        }
    if (judged == d && shown && shown.auto && (d as Decision).items.length < MAX_ITEMS) fill(shown);
    if (!handles.size && !filled.length) break;
    await Promise.all(filled);
    for (const p of await Promise.all([...handles].map(runtime.product))) if (p) Object.assign(variants, pricesAndStock(p, c.inv));
    d = decideNow();
  }
  return { d, engineCart };
}

/** `_tactful_ab` = "offer:bucket,…", only for visitors in an experiment, so orders from every arm can be attributed. */
function abAttribute(runtime: Runtime, cart: AjaxCart, offerId: string, bucket: string): void {
  const cur = cart.attributes?._tactful_ab ?? "";
  const next = [...cur.split(",").filter((p) => p && !p.startsWith(offerId + ":")), offerId + ":" + bucket].join();
  if (next != cur) runtime.ops?.attributes({ _tactful_ab: next }).catch(() => 0);
}

let carrying: Promise<unknown> = Promise.resolve();
/**
 * The memory travels with the cart, for checkout, the thank-you page and
 * post-purchase (decision record 0080). Written on each change, one write
 * after the other, so the last change lands last.
 */
function carry(runtime: Runtime): void {
  const ops = runtime.ops;
  if (ops) carrying = carrying.then(() => ops.attributes({ [MEMORY_ATTRIBUTE]: encodeMemoryAttribute(runtime.memory.view(), Date.now()) })).catch(() => 0);
}

/** Runs one moment end to end. Resolves when the popup has closed (at once when nothing shows). */
export async function runMoment(runtime: Runtime, moment: Moment, decided?: () => void, carried?: AjaxCart, since = Date.now()): Promise<boolean> {
  const cart = carried ?? (await runtime.getCart());
  if (!cart.items.length) return false;
  const { d, engineCart } = await decideWithPrices(runtime, moment, cart);
  if (!d.show) {
    const h = d.holdout;
    if (h) {
      // Held out of an offer that would have shown: the exposure is what the holdout arm's visitors are counted from.
      abAttribute(runtime, cart, h.offerId, h.bucket);
      runtime.track({ type: "impression", offer: h.offerId, moment, bucket: h.bucket });
    }
    return false;
  }
  if (d.bucket) abAttribute(runtime, cart, d.offerId, d.bucket);
  const view = await buildView(runtime, d, cart, engineCart.variants ?? {});
  if (!view) return false;
  // A popup will show: the cart chunk downloads during the delay, before Accept can be clicked.
  runtime.ops?.load().catch(() => 0);
  decided?.();
  // Card in hand: a pre-checkout offer never keeps the shopper waiting. The delay counts from the
  // moment (`since`), so loading the popup module, the cart and the prices all happen within it.
  if (d.delayMs && !runtime.noDelay && moment != "PRE_CHECKOUT") await wait(since + d.delayMs - Date.now());
  // Absent fields stay undefined and drop out of the JSON.
  const ev = { offer: d.offerId, moment, variant: d.abVariantId, bucket: d.bucket };
  const props: Record<string, string> = { _tactful_offer: d.offerId };
  if (d.abVariantId) props._tactful_variant = d.abVariantId;
  const priceOf = (id: string) => applyDiscount(engineCart.variants?.[id]?.unitPrice ?? 0, d.discount, runtime.rateMicros);
  let accepted = false;
  let clicked = false;
  return new Promise<boolean>((done) => {
    const full: PopupView = {
      ...view,
      async onAccept(chosen, card) {
        runtime.track({ ...ev, type: "click" });
        clicked = true;
        const ops = runtime.ops;
        let value = 0;
        try {
          for (let i = 0; i < chosen.length; i++) {
            const id = chosen[i] as string;
            const line = cart.items.find((l) => l.key == d.items[card ?? i]?.replacesLineKey);
            const quantity = line?.quantity ?? 1;
            value += priceOf(id) * quantity;
            if (ops && line) await ops.swap(line.key, { id, quantity, properties: props });
          }
          if (ops && d.type != "UPSELL") await ops.add(chosen.map((id) => ({ id, quantity: 1, properties: props })));
        } finally {
          // Failed too: the theme shows the cart as the shop now holds it (a lost answer may still have added).
          ops?.refresh(moment == "PRE_CHECKOUT");
        }
        accepted = true;
        runtime.memory.accepted(d.offerId);
        carry(runtime);
        runtime.track({ ...ev, type: "accept", value, currency: cart.currency });
        return true;
      },
      onClose(didAccept) {
        // A shopper who said yes to a cart that said no has not declined.
        if (!didAccept && !clicked) {
          runtime.memory.dismissed(d.offerId, Date.now());
          carry(runtime);
          runtime.track({ ...ev, type: "decline" });
        }
        // On the way to checkout, which must see this answer: the write goes first (1 s at most).
        void Promise.race([carrying, wait(1e3)]).then(() => done(accepted));
      },
    };
    runtime.memory.shown(d.offerId);
    carry(runtime);
    runtime.track({ ...ev, type: "impression" });
    definePopup();
    const popup = document.createElement(TAG) as TactfulPopup;
    ownEscape(popup);
    popup.open(full);
  });
}

/**
 * Esc closes the popup and nothing else (decision record 0069). The dialog
 * closes on keydown, which is stopped once the popup's own listeners have
 * had it; the keyup that follows lands on whatever got focus back, often
 * inside Dawn's drawer, which closes on keyup: it is stopped before anyone
 * sees it.
 */
function ownEscape(popup: HTMLElement): void {
  const up = (e: KeyboardEvent) => {
    if (e.key != "Escape") return;
    e.stopImmediatePropagation();
    removeEventListener("keyup", up, true);
  };
  popup.addEventListener("keydown", (e) => {
    if (e.key != "Escape") return;
    e.stopPropagation();
    addEventListener("keyup", up, true);
    // A keyup that never comes (the window lost focus) must not eat a later one.
    setTimeout(() => removeEventListener("keyup", up, true), 1e3);
  });
}

async function buildView(runtime: Runtime, d: Decision, cart: AjaxCart, offered: Record<string, VariantPriceAndStock>): Promise<Omit<PopupView, "onAccept" | "onClose"> | null> {
  const c = runtime.ctx;
  const locale = c.locale ?? "en";
  const money = moneyFormatter(locale, cart.currency);
  const cards: CardView[] = [];
  for (const it of d.items) {
    const p = await runtime.product(it.handle);
    const line = cart.items.find((l) => l.key == it.replacesLineKey);
    if (!p || (d.type == "UPSELL" && !line)) return null;
    const qty = line?.quantity ?? 1;
    const base = it.discountedPrice ?? 0;
    const options: Option[] = [];
    for (const id of it.variantIds) {
      const v = p.variants.find((x) => String(x.id) == id);
      if (!v?.available) continue;
      const price = applyDiscount(v.price, d.discount, runtime.rateMicros);
      // A variant pricier than the default is offered only while the cap still allows it, whatever the
      // shopper picks on the other cards: each card may use its share of the headroom (decision record 0056).
      if (options.length && (price - base) * qty * d.items.length > d.headroom) continue;
      // Struck through as the theme strikes it: the merchant's compare-at price when above the price, else the price before our discount.
      const was = Math.max(v.price, v.compare_at_price ?? 0);
      options.push({ id, label: v.title, price, was: price < was ? was : undefined });
    }
    if (!options.length) return null;
    const first = it.variantIds[0] as string;
    const stock = offered[first]?.inventory;
    const card: CardView = { title: p.title, options, image: p.featured_image ?? undefined };
    // Honest urgency: real stock, below the merchant's threshold, or nothing.
    if (d.lowStockBelow && stock && stock > 0 && stock < d.lowStockBelow) card.stock = stock;
    if (line) {
      const was = line.original_price ?? line.price;
      card.from = { title: line.product_title ?? "", price: was, diff: (base - was) * qty, image: line.image ?? undefined };
    }
    cards.push(card);
  }
  const html = document.documentElement;
  return {
    // The theme's direction; a theme that sets none (Dawn) gets the copy's own, read by the browser
    // from its first letters, so Arabic copy ends with its full stop on the left (decision record 0074).
    dir: html.dir || "auto",
    lang: html.lang || locale,
    style: { ...runtime.config.settings.style, ...c.style },
    strings: runtime.strings,
    // The shopper's own language, unless the offer allows the shop's default locale's copy (0091):
    // that copy then keeps its own language and direction, so an English sentence in an Arabic
    // popup reads left to right with its full stop at the right end.
    ...d.content,
    // dir="auto": the browser takes the direction from the copy's own first letters (an RTL default locale works alike).
    copy: d.contentLocale ? { lang: d.contentLocale, dir: "auto" } : {},
    ends: d.endsAt ? new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(d.endsAt) : undefined,
    cards,
    perCard: d.type == "CROSS_SELL",
    money,
  };
}
