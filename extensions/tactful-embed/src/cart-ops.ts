import { ajax } from "./ajax";
import { dawn } from "./themes/dawn";

/*
 * Changing the cart and making the theme show it (decision records 0026,
 * 0069). Changes always go through the Ajax API, whose line properties and
 * errors are documented and stable. The theme then learns of them, first
 * way that works:
 * 1. Shopify's standard `updateCart` action, when the theme configured it
 *    (called with no lines, it re-renders the theme's own cart UI);
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
type Update = ((p: unknown) => Promise<unknown>) & { isDefault?: () => boolean };

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
  let theme = generic;
  let inFlight = 0;
  const post = async <T>(path: string, body: object) => {
    let ids: string[] | undefined;
    theme = THEMES.find((t) => (ids = t.sections())) ?? generic;
    // Shopify renders at most 5 sections per request.
    const sections = (ids ?? generic.sections() ?? []).slice(0, 5).join();
    inFlight++;
    try {
      const r = await ajax<T & { sections?: Sections }>(root + path, sections ? { ...body, sections, sections_url: location.pathname } : body);
      html = r.sections;
      return r;
    } catch (e) {
      // Only the answer may be lost, not the change: take the sections as the shop now renders them.
      if (sections) html = await ajax<Sections>(location.pathname + "?sections=" + sections).catch(() => html);
      throw e;
    } finally {
      inFlight--;
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
    busy: () => inFlight > 0,
    attributes: (attributes) => ajax(root + "cart/update.js", { attributes }),
    refresh(leaving) {
      const u = (window as { Shopify?: { actions?: { updateCart?: Update } } }).Shopify?.actions?.updateCart;
      if (u?.isDefault?.() === false) return void u({ lines: [] }).catch(() => 0);
      const shown = !!html && (theme.apply(html) || generic.apply(html));
      if (!shown && pageType == "cart" && !leaving) location.reload();
    },
  };
}
