import { ajax } from "./ajax";
import { horizonRefresh, horizonSections } from "./theme-refresh/horizon";

/*
 * Changing the cart and making the theme show it (decision record
 * 'storefront script', "refresh strategy"). Changes always go through the
 * Ajax API, whose line properties and errors are documented and stable. The
 * theme then learns of them: through Shopify's standard `updateCart` action
 * when the theme configured it (called with no lines, it re-renders the
 * theme's own cart UI); else through Horizon's own `cart:update` event
 * (theme-refresh/horizon); else from the Dawn-style cart sections rendered
 * into the same Ajax response (`sections`); else by reloading the cart page,
 * never on the way to checkout.
 */

export interface AddItem {
  id: string;
  quantity: number;
  properties: Record<string, string>;
}
type Update = ((p: unknown) => Promise<unknown>) & { isDefault?: () => boolean };

export interface CartOps {
  add(items: AddItem[]): Promise<unknown>;
  /** Upsell: the upgrade goes in, then the line `key` comes out; if that fails the upgrade is taken back out. */
  swap(key: string, item: AddItem): Promise<unknown>;
  /** `checkingOut`: the checkout click follows at once, so the page is never reloaded under it. */
  refresh(checkingOut?: boolean): void;
  /** Cart attributes (the A/B assignment), through /cart/update.js. */
  attributes(a: Record<string, string>): Promise<unknown>;
}

export function cartOps(root: string, pageType?: string): CartOps {
  let html: Record<string, string | null> | undefined;
  let answer: unknown;
  const post = async <T>(path: string, body: object) => {
    // The theme's sections that show the cart (Shopify renders at most 5 per request).
    const ids = new Set<string>(horizonSections());
    for (const e of document.querySelectorAll("cart-drawer,cart-items,#cart-icon-bubble,#main-cart-items")) {
      const s = e.closest("[id^=shopify-section-]");
      if (s) ids.add(s.id.slice(16));
    }
    const sections = [...ids].slice(0, 5).join();
    try {
      const r = await ajax<T & { sections?: typeof html }>(root + path, sections ? { ...body, sections, sections_url: location.pathname } : body);
      html = r.sections;
      answer = r;
      return r;
    } catch (e) {
      // Only the answer may be lost, not the change: take the sections as the shop now renders them.
      if (sections) html = await ajax<typeof html>(location.pathname + "?sections=" + sections).catch(() => html);
      answer = undefined;
      throw e;
    }
  };
  const add = async (items: AddItem[]) => (await post<{ items: { key: string }[] }>("cart/add.js", { items })).items;
  const remove = (key: string) => post("cart/change.js", { id: key, quantity: 0 });
  return {
    add,
    async swap(key, item) {
      const added = await add([item]);
      return remove(key).catch(async (e) => {
        for (const a of added) await remove(a.key).catch(() => 0);
        throw e;
      });
    },
    attributes: (attributes) => ajax(root + "cart/update.js", { attributes }),
    refresh(checkingOut) {
      const u = (window as { Shopify?: { actions?: { updateCart?: Update } } }).Shopify?.actions?.updateCart;
      if (u?.isDefault?.() === false) return void u({ lines: [] }).catch(() => 0);
      if (horizonRefresh(root, html, answer)) return;
      let done = false;
      for (const id in html) {
        const el = document.getElementById("shopify-section-" + id);
        const src = html[id];
        if (!el || !src) continue;
        el.innerHTML = new DOMParser().parseFromString(src, "text/html").getElementById("shopify-section-" + id)?.innerHTML ?? src;
        done = true;
      }
      if (!done && pageType == "cart" && !checkingOut) location.reload();
    },
  };
}
