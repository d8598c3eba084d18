import { ajax } from "../ajax";

/*
 * Horizon 3.x (decision record 0070). Its cart UI redraws only on its own
 * `cart:update` event: every <cart-items-component> morphs its section from
 * `detail.data.sections[its data-section-id]` (or fetches the section when
 * that is missing), and <cart-icon> sets its bubble to `detail.data.itemCount`
 * unless the source is its own product form. So we ask for the sections its
 * product form asks for, and hand them over in the same event.
 */

/** The section ids Horizon's own product form requests: each cart-items-component's. */
export const horizonSections = (): string[] =>
  [...document.querySelectorAll<HTMLElement>("cart-items-component[data-section-id]")].map((e) => e.dataset.sectionId as string);

/**
 * Dispatches Horizon's `cart:update` with the sections rendered in our last
 * Ajax call and the whole cart (the last answer when it was one, else
 * /cart.js). False when the page has none of Horizon's cart components.
 */
export function horizonRefresh(root: string, sections: Record<string, string | null> | undefined, answer: unknown): boolean {
  if (!document.querySelector("cart-items-component,cart-icon")) return false;
  const last = answer as { item_count?: number } | undefined;
  (typeof last?.item_count == "number" ? Promise.resolve(last) : ajax<{ item_count: number }>(root + "cart.js")).then((cart) => {
    const e = new Event("cart:update", { bubbles: true }) as Event & { detail: unknown };
    e.detail = { resource: cart, sourceId: "tactful", data: { itemCount: cart.item_count, source: "tactful", sections } };
    document.dispatchEvent(e);
  }, () => 0);
  return true;
}
