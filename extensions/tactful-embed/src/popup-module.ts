import { minorRateMicros, parseStorefrontConfig } from "@tactful/engine";
import { ajax, productSource, setFetch } from "./ajax";
import { beaconSender, noTrack } from "./beacon";
import type { CartOps } from "./cart-ops";
import { CART_READY, MODULE_READY, readJson, type CartChunk, type PopupModule } from "./link";
import { runMoment, warm, type LazyCartOps, type Runtime } from "./decide-and-show";
import type { Recommender } from "./recommend";
import type { AjaxCart, EmbedContext, Strings } from "./types";

/*
 * The popup module (assets/tactful-popup.js): everything that decides, shows
 * and changes the cart, fetched by the loader at the first cart moment
 * (decision record 0067). Any error anywhere means no popup and an untouched
 * cart: the loader treats a throw or a null session as "nothing to show".
 * The cart changes themselves live in the cart chunk (decision record 0081).
 */

/** A cart chunk not there this long after it was asked for fails the accept that waits for it. */
const CART_WAIT_MS = 5000;

/**
 * The cart changes, from the cart chunk (assets/tactful-cart.js), injected
 * once, when a popup is about to show. Until it has arrived nothing of ours
 * is in flight; if it never does, every change rejects, so Accept fails as a
 * refused add does and the cart is untouched.
 */
function lazyCart(ctx: EmbedContext, fetch: typeof window.fetch): LazyCartOps {
  let ops: CartOps | undefined;
  let chunk: Promise<CartChunk> | undefined;
  const root = ctx.root ?? "/";
  const got = () =>
    (chunk ??= new Promise<CartChunk>((ok, fail) => {
      document.addEventListener(CART_READY, (e) => ok((e as CustomEvent<CartChunk>).detail), { once: true });
      setTimeout(fail, CART_WAIT_MS);
      const s = document.createElement("script");
      s.src = ctx.cart as string;
      s.onerror = fail;
      document.head.append(s);
    }));
  const load = () => got().then((c) => (ops ??= c.start(root, ctx.pageType, fetch)));
  let rec: Promise<Recommender> | undefined;
  return {
    load,
    recommender: () => (rec ??= got().then((c) => c.recommender(root, fetch))),
    add: (items) => load().then((o) => o.add(items)),
    swap: (key, item) => load().then((o) => o.swap(key, item)),
    attributes: (a) => load().then((o) => o.attributes(a)),
    refresh: (leaving) => ops?.refresh(leaving),
    busy: () => !!ops?.busy(),
  };
}

const start: PopupModule["start"] = (ctx, memory, fetch) => {
  setFetch(fetch);
  const raw = readJson("tactful-content");
  const config = parseStorefrontConfig(readJson("tactful-config"), ...(Array.isArray(raw) ? raw : [raw]));
  if (!config || config.settings.paused || !config.offers.length) return null;
  const root = ctx.root ?? "/";
  const preview = ctx.preview;
  const shopifyRate = (window as unknown as { Shopify?: { currency?: { rate?: string } } }).Shopify?.currency?.rate;
  const runtime: Runtime = {
    config,
    ctx,
    // Every string comes from the embed's locale files, printed by Liquid (or the admin preview); the loader checked they are there.
    strings: ctx.strings as Strings,
    // Shopify prints the presentment rate per major unit as a short decimal ("1.0852");
    // rounding to ppm is exact for it. The engine wants cart units per shop minor unit:
    // the Ajax API counts every currency in hundredths (yen too), while offer amounts
    // are in the shop currency's own minor unit.
    rateMicros: minorRateMicros(Math.round(Number(shopifyRate) * 1e6) || 1e6, 2, ctx.shopDigits ?? 2),
    memory,
    track: preview ? noTrack : beaconSender(root + "apps/tactful/events", memory.visitor, memory.session),
    product: productSource(root, preview?.products),
    getCart: preview ? () => Promise.resolve(preview.cart) : () => ajax<AjaxCart>(root + "cart.js"),
    ...(preview ? { noDelay: true } : { ops: lazyCart(ctx, fetch) }),
  };
  return {
    run: (m, since, decided, cart) => runMoment(runtime, m, decided, cart, since),
    warm: (added) => warm(runtime, added),
    busy: () => !!runtime.ops?.busy(),
  };
};

document.dispatchEvent(new CustomEvent<PopupModule>(MODULE_READY, { detail: { start } }));
