import type { Moment } from "@tactful/engine/types";
import { asAjaxCart } from "./ajax";
import type { AjaxCart } from "./types";

/*
 * When to ask (decision record 'storefront script', "moment detection").
 * Nothing here works at load: listeners wait for the shopper. ADD_TO_CART
 * comes from Shopify's standard `shopify:cart:lines-update` event where the
 * theme dispatches it; until the first such event, successful fetch/XHR posts
 * to {any locale}/cart/add(.js) stand in, and a product form that posts
 * natively (the page navigates) leaves a note for the next page. CART is the
 * cart page or the drawer opening; PRE_CHECKOUT is the checkout button.
 */

/**
 * Runs a moment; `decided` is called once a popup is certain to show; `cart`
 * is the cart a standard event carried (no /cart.js then). Resolves when it is over.
 */
export type Fire = (m: Moment, decided?: () => void, cart?: AjaxCart) => Promise<unknown>;
/** Told the body of every successful add response (the added lines), to start fetching what could be offered. */
export type Warm = (added: Promise<unknown>) => void;
const PENDING = "tactful:add";
const ADD = /\/cart\/add(\.js)?$/;
const ATC = "ADD_TO_CART";

function isAdd(u: unknown, method?: string): boolean {
  try {
    const r = u as Request;
    const url = new URL(r.url ?? String(u), location.href);
    return url.origin == location.origin && ADD.test(url.pathname) && /post/i.test(method ?? r.method);
  } catch {
    return false;
  }
}

export function watchAddToCart(fire: Fire, ours: () => boolean, warm: Warm): void {
  let standard = false;
  // The response names the added lines: their offers' products load while the cart does.
  const added = (body: Promise<unknown>) => ours() || (warm(body), standard || fire(ATC));
  document.addEventListener("shopify:cart:lines-update", (e) => {
    const ev = e as Event & { action?: string; context?: string; promise?: Promise<{ userErrors?: unknown[]; cart?: unknown } | undefined> };
    standard = true;
    if (ev.action == "add" && ev.context != "standard-action" && !ours())
      Promise.resolve(ev.promise).then(
        (r) => r?.userErrors?.length || fire(ATC, undefined, asAjaxCart(r?.cart)),
        () => 0,
      );
  });

  const f = window.fetch;
  window.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
    const p = f.call(this ?? window, input, init);
    // Observing must never break the theme's request: errors here are swallowed.
    // Our handler is attached first, so the body is still unread when it is cloned.
    if (isAdd(input, init?.method)) p.then((r) => r.ok && added(r.clone().json())).catch(() => 0);
    return p;
  } as typeof fetch;

  const x = XMLHttpRequest.prototype;
  const open = x.open;
  x.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    if (isAdd(url, method))
      // A response that is not JSON text only means nothing is loaded ahead.
      this.addEventListener("load", () => this.status < 300 && added(new Promise((ok) => ok(JSON.parse(this.responseText)))));
    return (open as (...a: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof open;

  document.addEventListener("submit", (e) => {
    const t = e.target;
    if (!e.defaultPrevented && t instanceof HTMLFormElement && isAdd(t.action, t.method))
      try {
        sessionStorage.setItem(PENDING, "1");
      } catch {
        /* storage blocked: no popup, nothing lost */
      }
  });
  try {
    if (sessionStorage.getItem(PENDING)) {
      sessionStorage.removeItem(PENDING);
      setTimeout(() => fire(ATC));
    }
  } catch {
    /* storage blocked */
  }
}

/**
 * Drawers that say they are open with an attribute (decision record 0070):
 * Dawn's <cart-drawer open|.active>, the <dialog> inside Horizon 3's
 * <cart-drawer-component>, Horizon 4's <theme-drawer id="cart-drawer" open>.
 */
const DRAWER = "cart-drawer,cart-drawer-component dialog,theme-drawer#cart-drawer";

export function watchCart(fire: Fire, pageType?: string): void {
  if (pageType == "cart") addEventListener("load", () => setTimeout(() => fire("CART")));
  let last = 0;
  // One opening may be told twice (the attribute and the standard event): once is enough.
  const opened = () => {
    if (Date.now() - last > 1000) fire("CART");
    last = Date.now();
  };
  // Whichever drawer is there now: a theme may replace the element when it re-renders its section.
  const isOpen = () => [...document.querySelectorAll(DRAWER)].some((d) => d.hasAttribute("open") || d.classList.contains("active"));
  let was = isOpen();
  new MutationObserver(() => {
    const now = isOpen();
    if (now && !was) opened();
    was = now;
  }).observe(document.body, { attributes: true, attributeFilter: ["open", "class"], childList: true, subtree: true });
  // Themes on Shopify's standard events say so when the buyer sees the cart in a dialog.
  document.addEventListener("shopify:cart:view", (e) => (e as Event & { context?: string }).context == "dialog" && opened());
}

/**
 * The checkout button is held back only while we decide (2.5 s at most);
 * whatever happens next (accepted, declined, nothing to show, an error) the
 * same button is clicked again and the theme's checkout proceeds.
 */
export function watchCheckout(fire: Fire, mayShow: () => boolean): void {
  let pass = false;
  document.addEventListener(
    "click",
    (e) => {
      const t = (e.target as Element).closest?.<HTMLElement>("[name=checkout],a[href$='/checkout']");
      if (!t || pass || !mayShow()) return (pass = false);
      e.preventDefault();
      e.stopImmediatePropagation();
      let gone = false;
      const go = () => {
        if (gone) return;
        gone = pass = true;
        clearTimeout(guard);
        // Accepting may have re-rendered the cart: click the checkout button that is there now.
        (t.isConnected ? t : (document.querySelector<HTMLElement>("[name=checkout]") ?? t)).click();
      };
      const guard = setTimeout(go, 2500);
      // Decided after the guard let the shopper through: the moment is gone, so no popup on the way out.
      fire("PRE_CHECKOUT", () => {
        if (gone) throw 0;
        clearTimeout(guard);
      }).finally(go);
    },
    true,
  );
}
