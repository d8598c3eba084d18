import type { Cart, CartLine, VariantPriceAndStock } from "@tactful/engine/types";
import type { AjaxCart, AjaxProduct } from "./types";

/*
 * The shop's own Ajax API, locale-aware through routes.root. The fetch used
 * here is captured before the add-to-cart observer wraps window.fetch, so our
 * own requests are never mistaken for the shopper's: the loader's copy,
 * captured at page load, is handed to the popup module, which runs after the
 * wrapping (link.ts).
 */
export let nativeFetch: typeof fetch = fetch.bind(window);
export const setFetch = (f: typeof fetch): void => void (nativeFetch = f);

export async function ajax<T>(url: string, body?: object): Promise<T> {
  const r = await nativeFetch(url, {
    method: body === undefined ? "GET" : "POST",
    headers: { "Content-Type": "application/json" },
    body: body ? JSON.stringify(body) : null,
  });
  if (!r.ok) throw r.status;
  return (await r.json()) as T;
}

/** Product JSON by handle, fetched at most once per page (the cache keeps the promise). */
export function productSource(root: string, preset?: Record<string, AjaxProduct>) {
  const cache = new Map<string, Promise<AjaxProduct | null>>();
  return (handle: string): Promise<AjaxProduct | null> => {
    let p = cache.get(handle);
    if (!p) {
      p = preset ? Promise.resolve(preset[handle] ?? null) : ajax<AjaxProduct>(root + "products/" + encodeURIComponent(handle) + ".js").catch(() => null);
      cache.set(handle, p);
    }
    return p;
  };
}

/**
 * The cart a standard event carried, when it has the Ajax API's shape (as
 * /cart.js). Shopify documents a Storefront-API-shaped cart there; any other
 * shape is not guessed at: undefined, and /cart.js is fetched instead.
 */
export function asAjaxCart(c: unknown): AjaxCart | undefined {
  const x = c as AjaxCart | null | undefined;
  return typeof x?.currency == "string" &&
    Array.isArray(x.items) &&
    x.items.every((i) => i?.key && i.handle && i.variant_id > 0 && i.product_id > 0 && i.quantity >= 0 && i.price >= 0)
    ? x
    : undefined;
}

/** Ajax cart -> the engine's cart. Prices are already in the shopper's (presentment) currency. */
export function toCart(c: AjaxCart, rateMicros: number, tags: Record<string, string[]> = {}): Cart {
  return {
    currency: c.currency,
    rateMicros,
    lines: c.items.map((i) => {
      const p = i.properties ?? {};
      const l: CartLine = {
        key: i.key,
        productId: String(i.product_id),
        variantId: String(i.variant_id),
        quantity: i.quantity,
        unitPrice: i.original_price ?? i.price,
      };
      const t = tags[i.handle];
      if (t) l.tags = t;
      if (p._tactful_offer) l.offerId = p._tactful_offer;
      if (p._tactful_variant) l.abVariantId = p._tactful_variant;
      return l;
    }),
  };
}

/** Facts for every variant of a product; stock only where the page printed it (see the block). */
export function pricesAndStock(p: AjaxProduct, inv: Record<string, number> = {}): Record<string, VariantPriceAndStock> {
  const out: Record<string, VariantPriceAndStock> = {};
  for (const v of p.variants) {
    const id = String(v.id);
    const stock = inv[id] ?? v.inventory_quantity;
    out[id] = { unitPrice: v.price, available: v.available, inventory: stock };
  }
  return out;
}
