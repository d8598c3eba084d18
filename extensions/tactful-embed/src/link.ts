import type { Moment } from "@tactful/engine/types";
import type { CartOps } from "./cart-ops";
import type { Recommender } from "./recommend";
import type { Memory } from "./memory";
import type { AjaxCart, EmbedContext } from "./types";

/*
 * The seam between the two storefront files (decision record 0067): the
 * loader (assets/tactful.js, every page) and the popup module
 * (assets/tactful-popup.js, fetched at the first cart moment). The module is
 * a classic script the loader injects, so it needs no CORS from Shopify's
 * CDN and no global: when it runs it hands its entry point over in an event.
 */

/** Dispatched on document by the popup module when it has run; `detail` is a PopupModule. */
export const MODULE_READY = "tactful:module";

export interface PopupModule {
  /**
   * Builds the page's runtime from the embed's JSON. `fetch` is the page's
   * own, captured by the loader before it wrapped window.fetch. null when
   * the full config can show nothing.
   */
  start(ctx: EmbedContext, memory: Memory, fetch: typeof window.fetch): Session | null;
}

export interface Session {
  /** One moment end to end; `since` is when it happened (Date.now()), the start of the offer's delay. */
  run(m: Moment, since: number, decided?: () => void, cart?: AjaxCart): Promise<boolean>;
  /** The body of a successful add: its offers' products start loading. */
  warm(added: Promise<unknown>): Promise<void>;
  /** True while a change of ours to the cart is on its way: an add seen then is not the shopper's. */
  busy(): boolean;
}

/** Dispatched on document by the cart chunk (assets/tactful-cart.js, decision record 0081) when it has run; `detail` is a CartChunk. */
export const CART_READY = "tactful:cart";

export interface CartChunk {
  /** The cart changes and the theme refresh; `fetch` is the page's own, as for the module. */
  start(root: string, pageType: string | undefined, fetch: typeof window.fetch): CartOps;
  /** What automatic offers need (decision record 0085): fetched before deciding when the config has one. */
  recommender(root: string, fetch: typeof window.fetch): Recommender;
}

/**
 * Dispatched on document by the loader when a moment is over: decided, and
 * closed when a popup showed, failed or lost included; `detail` is the Moment.
 * Without it nobody outside (a theme, a test) can tell "decided not to show"
 * from "not decided yet".
 */
export const MOMENT_DONE = "tactful:done";

/** One of the embed's JSON blocks, parsed; undefined when absent. */
export const readJson = (id: string): unknown => {
  const t = document.getElementById(id)?.textContent;
  return t ? JSON.parse(t) : undefined;
};
