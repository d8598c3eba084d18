import { minorRateMicros, parseStorefrontConfig } from "@tactful/engine";
import type { Moment } from "@tactful/engine/types";
import { ajax, productSource } from "./ajax";
import { beaconSender, noTrack } from "./beacon";
import { cartOps } from "./cart-ops";
import { openMemory } from "./memory";
import { watchAddToCart, watchCart, watchCheckout, type Fire } from "./moments";
import { runMoment, warm, type Runtime } from "./run";
import type { AjaxCart, EmbedContext, Strings } from "./types";

/*
 * Tactful's storefront script: a guest in the merchant's theme. At load it
 * only reads the three JSON blocks the app embed printed and registers
 * listeners; the first request happens after the shopper touches the cart.
 * Any error anywhere means no popup and an untouched cart.
 */

const json = (id: string): unknown => {
  const t = document.getElementById(id)?.textContent;
  return t ? JSON.parse(t) : undefined;
};

function start(): void {
  const raw = json("tactful-content");
  const config = parseStorefrontConfig(json("tactful-config"), ...(Array.isArray(raw) ? raw : [raw]));
  if (!config || config.settings.paused || !config.offers.length) return;
  const ctx = (json("tactful-context") ?? {}) as EmbedContext;
  // No strings, no popup: a half-labelled dialog is worse than none.
  if (!ctx.strings) return;
  const root = ctx.root ?? "/";
  const preview = ctx.preview;
  const memory = openMemory(!preview);
  const shopifyRate = (window as unknown as { Shopify?: { currency?: { rate?: string } } }).Shopify?.currency?.rate;
  const rt: Runtime = {
    config,
    ctx,
    // Every string comes from the embed's locale files, printed by Liquid (or the admin preview).
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
    ...(preview ? { noDelay: true } : { ops: cartOps(root, ctx.pageType) }),
  };

  let busy = false;
  const fire: Fire = async (m: Moment, decided, cart) => {
    if (busy) return false;
    busy = true;
    try {
      return await runMoment(rt, m, decided, cart);
    } catch {
      return false;
    } finally {
      busy = false;
    }
  };
  if (preview) {
    void fire(preview.moment ?? "ADD_TO_CART");
    return;
  }
  const has = (m: Moment) => config.offers.some((o) => o.moments.includes(m));
  if (has("ADD_TO_CART")) watchAddToCart(fire, () => busy, (body) => void warm(rt, body).catch(() => 0));
  if (has("CART")) watchCart(fire, ctx.pageType);
  if (has("PRE_CHECKOUT")) watchCheckout(fire, () => !busy && memory.view().shownThisSession < config.settings.maxPerSession);
}

try {
  start();
} catch {
  /* fail closed: the theme carries on without us */
}
