import { storefrontMoments } from "@tactful/engine/wire";
import type { Moment } from "@tactful/engine/types";
import { nativeFetch } from "./ajax";
import { MODULE_READY, MOMENT_DONE, readJson, type PopupModule, type Session } from "./link";
import { openMemory } from "./memory";
import { watchAddToCart, watchCart, watchCheckout } from "./moments";
import { serial } from "./serial";
import type { EmbedContext } from "./types";

/*
 * Tactful's storefront loader (assets/tactful.js), a guest in the merchant's
 * theme on every page (decision record 0067). At load it only reads the JSON
 * blocks the app embed printed and registers listeners for the moments some
 * offer waits for; no request. At the first cart moment it injects the popup
 * module (assets/tactful-popup.js, its URL printed by Liquid's asset_url),
 * which decides and shows; the offer's delay counts from the moment, so the
 * module downloads while it runs. Any error anywhere, a module that fails to
 * load or arrives too late included, means no popup and an untouched cart.
 */

/** A module not there this long after a moment loses that moment (a later one may still use it). */
const MODULE_WAIT_MS = 5000;

/**
 * The session debugger (decision record 0090): a storefront opened with the
 * admin's signed link (or a tab that was, within the link's life) asks the
 * app, through the app proxy, whether the token is good; only a 200 loads the
 * debug panel's own asset. The expiry leads the token, so a stale one costs no request.
 */
function debug(ctx: EmbedContext): void {
  let t: string | null | undefined;
  try {
    t = new URLSearchParams(location.search).get("tactful_debug") || sessionStorage.tactful_debug;
  } catch {
    /* storage blocked: the URL alone */
  }
  const url = ctx.debug;
  if (t && url && +(t.split(".")[0] as string) * 1e3 > Date.now())
    nativeFetch((ctx.root ?? "/") + "apps/tactful/debug?token=" + encodeURIComponent(t))
      .then((r) => r.ok && inject(url))
      .catch(() => 0);
}

function inject(src: string, fail?: () => void): void {
  const s = document.createElement("script");
  s.src = src;
  if (fail) s.onerror = fail;
  document.head.append(s);
}

function start(): void {
  const peek = storefrontMoments(readJson("tactful-config"));
  const ctx = (readJson("tactful-context") ?? {}) as EmbedContext;
  const preview = ctx.preview;
  // No strings, no popup: a half-labelled dialog is worse than none. The admin preview inlines the module after us.
  if (!peek || !ctx.strings || !(ctx.module || preview)) return;
  const memory = openMemory(!preview);

  let session: Promise<Session | null> | undefined;
  let live: Session | null = null;
  const load = () =>
    (session ??= new Promise<PopupModule>((ok, fail) => {
      document.addEventListener(MODULE_READY, (e) => ok((e as CustomEvent<PopupModule>).detail), { once: true });
      if (ctx.module) inject(ctx.module, fail);
    }).then((m) => (live = m.start(ctx, memory, nativeFetch))));

  const { fire, busy } = serial(async (m, decided, cart) => {
    try {
      const since = Date.now();
      const s = await Promise.race([load(), new Promise<null>((ok) => setTimeout(ok, MODULE_WAIT_MS, null))]);
      return !!s && (await s.run(m, since, decided, cart));
    } finally {
      document.dispatchEvent(new CustomEvent<Moment>(MOMENT_DONE, { detail: m }));
    }
  });
  if (preview) {
    void fire(preview.moment ?? "ADD_TO_CART");
    return;
  }
  debug(ctx);
  const has = (m: Moment) => peek.moments.includes(m);
  // The add's body is read while the module may still be on its way: a body that is not JSON
  // (a theme posting to /cart/add for HTML) is handled here at once, not only once the module warms with it.
  const warm = (body: Promise<unknown>) => {
    body.catch(() => 0);
    load()
      .then((s) => s?.warm(body))
      .catch(() => 0);
  };
  if (has("ADD_TO_CART")) {
    watchAddToCart(fire, () => !!live?.busy(), warm);
    // The shopper pressed "Add to cart" in a product form: the module downloads while the theme's add is on its way.
    document.addEventListener("submit", (e) => void (/\/cart\/add\b/.test((e.target as HTMLFormElement).action) && load().catch(() => 0)), true);
  }
  if (has("CART")) watchCart(fire, ctx.pageType);
  if (has("PRE_CHECKOUT")) watchCheckout(fire, () => !busy() && memory.view().shownThisSession < peek.maxPerSession);
}

try {
  start();
} catch {
  /* fail closed: the theme carries on without us */
}
