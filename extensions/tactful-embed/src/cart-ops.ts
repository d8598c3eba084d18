import { ajax } from "./ajax";
import { horizonRefresh, horizonSections } from "./theme-refresh/horizon";
import { addLine, themeUpdateCart, updateLines } from "./theme-refresh/standard-actions";
import type { AjaxCart } from "./types";

/*
 * Changing the cart and making the theme show it (decision records
 * 'storefront script', "refresh strategy", and 0070). A theme that configured
 * Shopify's standard `updateCart` action gets our changes through it, and
 * redraws its cart from the events it emits. Otherwise changes go through the
 * Ajax API, whose line properties and errors are documented and stable, and
 * the theme learns of them through Horizon's own `cart:update` event
 * (theme-refresh/horizon); else from the Dawn-style cart sections rendered
 * into the same Ajax response (`sections`); else by reloading the cart page,
 * never on the way to checkout.
 */

export interface AddItem {
  id: string;
  quantity: number;
  properties: Record<string, string>;
}

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
  /** The added lines' keys; the theme's action does not name them. */
  const add = async (items: AddItem[]) => {
    const u = themeUpdateCart();
    if (u) return void (await updateLines(u, items.map((i) => addLine(i.id, i.quantity, i.properties))));
    return (await post<{ items: { key: string }[] }>("cart/add.js", { items })).items;
  };
  const remove = (key: string) => {
    const u = themeUpdateCart();
    return u ? updateLines(u, [{ id: key, quantity: 0 }]) : post("cart/change.js", { id: key, quantity: 0 });
  };
  return {
    add,
    async swap(key, item) {
      const added = await add([item]);
      return remove(key).catch(async (e) => {
        // Added through the theme's action, which does not name the line: find the upgrade's line.
        const back =
          added ??
          (await ajax<AjaxCart>(root + "cart.js").then(
            (c) => c.items.filter((i) => String(i.variant_id) == item.id && i.properties?._tactful_offer == item.properties._tactful_offer),
            () => [],
          ));
        for (const a of back) await remove(a.key).catch(() => 0);
        throw e;
      });
    },
    attributes: (attributes) => ajax(root + "cart/update.js", { attributes }),
    refresh(checkingOut) {
      // The theme's action has already told the theme.
      if (themeUpdateCart() || horizonRefresh(root, html, answer)) return;
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
