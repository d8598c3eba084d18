import { ajax } from "./ajax";
import { dawn } from "./themes/dawn";
import { horizonRefresh, horizonSections } from "./theme-refresh/horizon";
import { addLine, themeUpdateCart, updateLines } from "./theme-refresh/standard-actions";
import type { AjaxCart } from "./types";

/*
 * Changing the cart and making the theme show it (decision records 0026,
 * 0069). Changes always go through the Ajax API, whose line properties and
 * errors are documented and stable. The theme then learns of them, first
 * way that works:
 * 1. Shopify's standard `updateCart` action, when the theme configured it:
 *    then the change itself goes through it, and its events redraw the
 *    theme's cart (decision record 0070; Horizon 4.x);
 * 2. a theme family's own mechanism (THEMES): the sections its cart
 *    components ask for, rendered into the same Ajax response, put where
 *    that theme puts them;
 * 3. theme-agnostic: the sections around the usual cart elements, each
 *    element's inside replaced, never a whole section (a section's elements
 *    may carry handlers the theme bound to them);
 * 4. a reload of the cart page, except when the shopper is on the way to
 *    checkout (the re-clicked checkout button shows the new cart anyway, and a
 *    reload would race it).
 */

export interface AddItem {
  id: string;
  quantity: number;
  properties: Record<string, string>;
}
export type Sections = Record<string, string | null | undefined>;
/** One theme family's refresh: which sections to render with a change, and how to put them in place. */
export interface ThemeRefresh {
  /** Section ids to ask for; undefined when this page is not this theme's. */
  sections(): string[] | undefined;
  /** Puts the rendered sections where the theme shows them; false when nothing could be. */
  apply(html: Sections): boolean;
}

export interface CartOps {
  add(items: AddItem[]): Promise<unknown>;
  /** Upsell: the upgrade goes in, then the line `key` comes out; if that fails the upgrade is taken back out. */
  swap(key: string, item: AddItem): Promise<unknown>;
  /** `leaving`: the shopper is on the way to checkout, so the cart page is not reloaded. */
  refresh(leaving?: boolean): void;
  /** True while a change of ours is on its way (its add is not the shopper's). */
  busy(): boolean;
  /** Cart attributes (the A/B assignment), through /cart/update.js. */
  attributes(a: Record<string, string>): Promise<unknown>;
}

/** Theme families with their own mechanism, asked in order. */
const THEMES: ThemeRefresh[] = [dawn];

const CART_UI = "cart-drawer,cart-items,#cart-icon-bubble,#main-cart-items";
const wrapper = (id: string) => document.getElementById("shopify-section-" + id);

/** Any theme: the sections wrapping the usual cart elements; each element's inside is replaced. */
const generic: ThemeRefresh = {
  sections() {
    const ids = new Set<string>();
    for (const e of document.querySelectorAll(CART_UI)) {
      const s = e.closest("[id^=shopify-section-]");
      if (s) ids.add(s.id.slice(16));
    }
    return [...ids];
  },
  apply(html) {
    let done = false;
    for (const id in html) {
      const el = wrapper(id);
      const src = html[id];
      if (!el || !src) continue;
      const doc = new DOMParser().parseFromString(src, "text/html");
      const fresh = doc.getElementById("shopify-section-" + id) ?? doc.body;
      const now = el.querySelectorAll(CART_UI);
      const next = fresh.querySelectorAll(CART_UI);
      now.forEach((e, i) => {
        const n = next[i];
        if (n && n.tagName == e.tagName) {
          e.innerHTML = n.innerHTML;
          done = true;
        }
      });
    }
    return done;
  },
};

export function cartOps(root: string, pageType?: string): CartOps {
  let html: Sections | undefined;
  let answer: unknown;
  let theme = generic;
  let inFlight = 0;
  // Horizon 3.x (decision record 0070): its own cart:update event, with the whole cart.
  const horizon: ThemeRefresh = {
    sections: () => (horizonSections().length ? horizonSections() : undefined),
    apply: (h) => horizonRefresh(root, h as Record<string, string | null>, answer),
  };
  const families = [...THEMES, horizon];
  const act = async (lines: Parameters<typeof updateLines>[1]) => {
    const u = themeUpdateCart();
    if (!u) return false;
    inFlight++;
    try {
      await updateLines(u, lines);
    } finally {
      inFlight--;
    }
    return true;
  };
  const post = async <T>(path: string, body: object) => {
    let ids: string[] | undefined;
    theme = families.find((t) => (ids = t.sections())) ?? generic;
    // Shopify renders at most 5 sections per request.
    const sections = (ids ?? generic.sections() ?? []).slice(0, 5).join();
    inFlight++;
    try {
      const r = await ajax<T & { sections?: Sections }>(root + path, sections ? { ...body, sections, sections_url: location.pathname } : body);
      html = r.sections;
      answer = r;
      return r;
    } catch (e) {
      // Only the answer may be lost, not the change: take the sections as the shop now renders them.
      if (sections) html = await ajax<Sections>(location.pathname + "?sections=" + sections).catch(() => html);
      answer = undefined;
      throw e;
    } finally {
      inFlight--;
    }
  };
  /** The added lines' keys; the theme's action does not name them. */
  const add = async (items: AddItem[]) => {
    if (await act(items.map((i) => addLine(i.id, i.quantity, i.properties)))) return undefined;
    return (await post<{ items: { key: string }[] }>("cart/add.js", { items })).items;
  };
  const remove = async (key: string) => (await act([{ id: key, quantity: 0 }])) || post("cart/change.js", { id: key, quantity: 0 });
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
    busy: () => inFlight > 0,
    attributes: (attributes) => ajax(root + "cart/update.js", { attributes }),
    refresh(leaving) {
      // The theme's action has already told the theme.
      if (themeUpdateCart()) return;
      const shown = !!html && (theme.apply(html) || generic.apply(html));
      if (!shown && pageType == "cart" && !leaving) location.reload();
    },
  };
}
