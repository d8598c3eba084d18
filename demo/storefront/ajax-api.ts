import { createHash, randomUUID } from "node:crypto";
import { convert } from "@tactful/engine/money";
import type { SimProduct, SimVariant } from "../../app/demo-mode/catalog";

/*
 * The simulated shop's cart and product JSON, in the shapes of Shopify's Ajax
 * API (https://shopify.dev/docs/api/ajax/reference/cart, …/product):
 * integer minor units in the shopper's presentment currency, line keys
 * "variant_id:hash-of-properties", /cart/add.js returning only the added
 * lines, 422 {status, message, description} when stock runs out. Product JSON
 * has no inventory_quantity, as in Shopify.
 */

export interface Money {
  currency: string;
  /** Presentment per shop currency, ppm. */
  rateMicros: number;
}
export interface SimLine {
  key: string;
  variantId: number;
  quantity: number;
  properties: Record<string, string>;
}
export interface SimCart {
  token: string;
  note: string;
  attributes: Record<string, string>;
  lines: SimLine[];
}
export class CartError extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(description);
  }
  get body() {
    return { status: this.status, message: "Cart Error", description: this.description };
  }
}

export const newCart = (): SimCart => ({ token: randomUUID().replace(/-/g, ""), note: "", attributes: {}, lines: [] });

export class Catalog {
  readonly byVariant = new Map<number, { product: SimProduct; variant: SimVariant }>();
  readonly byHandle = new Map<string, SimProduct>();
  constructor(readonly products: SimProduct[]) {
    for (const p of products) {
      this.byHandle.set(p.handle, p);
      for (const v of p.variants) this.byVariant.set(v.id, { product: p, variant: v });
    }
  }
}

const img = (p: SimProduct) => `/img/${p.handle}.svg`;
const price = (n: number, m: Money) => convert(n, m.rateMicros);
const vTitle = (v: SimVariant) => (v.title === "Default Title" ? null : v.title);
const available = (v: SimVariant) => v.inventory === null || v.inventory > 0;

export function productJson(p: SimProduct, m: Money, root: string) {
  const prices = p.variants.map((v) => price(v.price, m));
  return {
    id: p.id,
    title: p.title,
    handle: p.handle,
    description: `<p>${p.title}</p>`,
    published_at: "2026-01-05T10:00:00+01:00",
    created_at: "2026-01-05T10:00:00+01:00",
    vendor: p.vendor,
    type: p.type,
    tags: p.tags,
    price: Math.min(...prices),
    price_min: Math.min(...prices),
    price_max: Math.max(...prices),
    available: p.variants.some(available),
    price_varies: new Set(prices).size > 1,
    compare_at_price: null,
    compare_at_price_min: 0,
    compare_at_price_max: 0,
    compare_at_price_varies: false,
    variants: p.variants.map((v) => ({
      id: v.id,
      title: v.title,
      option1: v.title,
      option2: null,
      option3: null,
      sku: `${p.handle}-${v.id}`,
      requires_shipping: true,
      taxable: true,
      featured_image: null,
      available: available(v),
      name: vTitle(v) ? `${p.title} - ${v.title}` : p.title,
      public_title: vTitle(v),
      options: [v.title],
      price: price(v.price, m),
      weight: 300,
      compare_at_price: v.compareAtPrice ? price(v.compareAtPrice, m) : null,
      inventory_management: v.inventory === null ? null : "shopify",
      barcode: null,
      requires_selling_plan: false,
      selling_plan_allocations: [],
    })),
    images: [img(p)],
    featured_image: img(p),
    options: [p.variants.length > 1 ? "Size" : "Title"],
    url: `${root}products/${p.handle}`,
    media: [{ alt: null, id: p.id * 10, position: 1, media_type: "image", src: img(p), width: 320, height: 320 }],
    requires_selling_plan: false,
    selling_plan_groups: [],
  };
}

/**
 * What the discount Function took off one line, in the cart's (presentment)
 * minor units, and the message it gave: Shopify runs the Function on the
 * cart as well as at checkout, so /cart.js and the cart page show it.
 */
export interface LineDiscount {
  amount: number;
  title: string;
}

/**
 * A product discount from a discount Function as the Ajax API reports it:
 * one line-level allocation of an automatic discount application. Our
 * reading of the documented fields; the Function's message is its title.
 */
function allocation(d: LineDiscount) {
  return {
    amount: d.amount,
    discount_application: {
      type: "automatic",
      key: `automatic:${d.title}`,
      title: d.title,
      description: null,
      value: (d.amount / 100).toFixed(2),
      created_at: "2026-01-05T10:00:00+01:00",
      value_type: "fixed_amount",
      allocation_method: "across",
      target_selection: "explicit",
      target_type: "line_item",
      total_allocated_amount: d.amount,
    },
  };
}

function lineJson(l: SimLine, cat: Catalog, m: Money, root: string, discount?: LineDiscount) {
  const hit = cat.byVariant.get(l.variantId);
  if (!hit) throw new Error(`line ${l.key} has an unknown variant`);
  const { product: p, variant: v } = hit;
  const unit = price(v.price, m);
  const off = Math.min(discount?.amount ?? 0, unit * l.quantity);
  const finalLine = unit * l.quantity - off;
  // Per unit, as the Ajax API shows it; the line totals above stay exact.
  const finalUnit = Math.round(finalLine / l.quantity);
  return {
    id: v.id,
    properties: l.properties,
    quantity: l.quantity,
    variant_id: v.id,
    key: l.key,
    title: vTitle(v) ? `${p.title} - ${v.title}` : p.title,
    price: unit,
    original_price: unit,
    discounted_price: finalUnit,
    line_price: unit * l.quantity,
    original_line_price: unit * l.quantity,
    total_discount: off,
    discounts: off ? [{ amount: off, title: discount?.title ?? "" }] : [],
    sku: `${p.handle}-${v.id}`,
    grams: 300,
    vendor: p.vendor,
    taxable: true,
    product_id: p.id,
    product_has_only_default_variant: p.variants.length === 1,
    gift_card: false,
    final_price: finalUnit,
    final_line_price: finalLine,
    url: `${root}products/${p.handle}?variant=${v.id}`,
    featured_image: { aspect_ratio: 1, alt: p.title, height: 320, url: img(p), width: 320 },
    image: img(p),
    handle: p.handle,
    requires_shipping: true,
    product_type: p.type,
    product_title: p.title,
    product_description: `<p>${p.title}</p>`,
    variant_title: vTitle(v),
    variant_options: [v.title],
    options_with_values: [{ name: p.variants.length > 1 ? "Size" : "Title", value: v.title }],
    line_level_discount_allocations: off && discount ? [allocation({ amount: off, title: discount.title })] : [],
    line_level_total_discount: off,
  };
}

/** /cart.js; `discounts` are the Function's, by line position (see LineDiscount). */
export function cartJson(c: SimCart, cat: Catalog, m: Money, root: string, discounts: (LineDiscount | undefined)[] = []) {
  const items = c.lines.map((l, i) => lineJson(l, cat, m, root, discounts[i]));
  const total = items.reduce((s, i) => s + i.final_line_price, 0);
  const original = items.reduce((s, i) => s + i.original_line_price, 0);
  return {
    token: c.token,
    note: c.note,
    attributes: c.attributes,
    original_total_price: original,
    total_price: total,
    total_discount: original - total,
    total_weight: items.reduce((s, i) => s + i.grams * i.quantity, 0),
    item_count: items.reduce((s, i) => s + i.quantity, 0),
    items,
    requires_shipping: items.length > 0,
    currency: m.currency,
    items_subtotal_price: total,
    // A product discount is allocated to its lines; nothing here is cart-level.
    cart_level_discount_applications: [] as { title: string; total_allocated_amount: number }[],
  };
}
export const addedLineJson = (l: SimLine, cat: Catalog, m: Money, root: string, discount?: LineDiscount) => lineJson(l, cat, m, root, discount);

const keyOf = (variantId: number, props: Record<string, string>) =>
  `${variantId}:${createHash("md5").update(JSON.stringify(Object.entries(props).sort())).digest("hex")}`;

const inCart = (c: SimCart, variantId: number) => c.lines.filter((l) => l.variantId === variantId).reduce((s, l) => s + l.quantity, 0);

/** Adds lines; all or nothing, as Shopify does for one /cart/add.js call. Returns the added (or merged) lines. */
export function addItems(c: SimCart, cat: Catalog, items: { id: number; quantity: number; properties: Record<string, string> }[]): SimLine[] {
  for (const it of items) {
    const hit = cat.byVariant.get(it.id);
    if (!hit) throw new CartError(404, "Cannot find variant");
    if (!Number.isInteger(it.quantity) || it.quantity < 1) throw new CartError(422, "Quantity must be 1 or more");
    const { product: p, variant: v } = hit;
    const wanted = inCart(c, v.id) + items.filter((x) => x.id === v.id).reduce((s, x) => s + x.quantity, 0);
    if (v.inventory !== null && wanted > v.inventory)
      throw new CartError(422, v.inventory <= 0 ? `The product '${p.title}' is already sold out.` : `You can only add ${v.inventory} ${p.title} to the cart.`);
  }
  const out: SimLine[] = [];
  for (const it of items) {
    const key = keyOf(it.id, it.properties);
    let line = c.lines.find((l) => l.key === key);
    if (line) line.quantity += it.quantity;
    else c.lines.push((line = { key, variantId: it.id, quantity: it.quantity, properties: it.properties }));
    out.push(line);
  }
  return out;
}

/** /cart/change.js: by line key, variant id or 1-based line index; quantity 0 removes. */
export function changeLine(c: SimCart, cat: Catalog, ref: { id?: string | number; line?: number }, quantity: number): void {
  const idx =
    ref.line !== undefined
      ? ref.line - 1
      : typeof ref.id === "string" && ref.id.includes(":")
        ? c.lines.findIndex((l) => l.key === ref.id)
        : c.lines.findIndex((l) => l.variantId === Number(ref.id));
  const line = c.lines[idx];
  if (!line) throw new CartError(400, "no valid id or line parameter");
  if (!Number.isInteger(quantity) || quantity < 0) throw new CartError(400, "Quantity must be 0 or more");
  if (quantity === 0) {
    c.lines.splice(idx, 1);
    return;
  }
  const v = cat.byVariant.get(line.variantId)?.variant;
  if (v && v.inventory !== null && inCart(c, v.id) - line.quantity + quantity > v.inventory) throw new CartError(422, `You can only add ${v.inventory} of this item to the cart.`);
  line.quantity = quantity;
}

/**
 * GET {routes.root}recommendations/products.json, as Shopify's Product
 * Recommendations API answers it. Checked against (decision record 0085):
 * - shopify.dev/docs/api/ajax/reference/product-recommendations: the answer
 *   is `{ intent, products }`, each product in the Ajax product JSON's shape
 *   (as /products/<handle>.js: integer `price`/`price_min`, `available`,
 *   `variants[]`); `limit` 1 to 10, default 10; `intent` related
 *   (the default) or complementary. The only errors it lists: 422 "Invalid
 *   parameter error" for a missing product_id or another intent, 404
 *   "Product not found" for an id that is not a product published in the
 *   online store. A limit out of range is not among them: clamped here.
 * - shopify.dev/docs/storefronts/themes/product-merchandising/recommendations/complementary-products
 *   ("Limitations"): products out of stock or priced 0, gift cards (the demo
 *   has none) and products in the visitor's cart are left out.
 * - Prices are the Liquid product's, in hundredths for every currency:
 *   "1000 Japanese yen is output as 100000" (shopify.dev/docs/api/liquid/objects/product).
 * - Tracking parameters on each product's `url`, as the docs' format and
 *   live shops' links have them (pr_prod_strat "pinned" for a pair set in
 *   Search & Discovery, "collection_fallback" for a collection sibling).
 * - Dawn and Horizon ask the section-rendering twin (…/recommendations/products?section_id=…)
 *   and read no JSON, so they pin nothing further.
 * intent=complementary gives the demo's Search & Discovery pairs
 * (COMPLEMENTARY), related the other products of the same collections.
 */
export function recommendationsJson(
  cat: Catalog,
  q: URLSearchParams,
  inCart: ReadonlySet<number>,
  complementary: Record<string, string[]>,
  m: Money,
  root: string,
): { status: number; body: unknown } {
  const invalid = (description: string) => ({ status: 422, body: { status: 422, message: "Invalid parameter error", description } });
  const rawId = q.get("product_id");
  const intent = q.get("intent") ?? "related";
  if (!rawId) return invalid("A product_id value is missing");
  if (intent !== "related" && intent !== "complementary") return invalid("The intent parameter must be one of related, complementary");
  const asked = Math.trunc(Number(q.get("limit") ?? 10));
  const limit = Number.isFinite(asked) ? Math.min(10, Math.max(1, asked)) : 10;
  const p = /^\d+$/.test(rawId) ? cat.products.find((x) => x.id === Number(rawId)) : undefined;
  if (!p) return { status: 404, body: { status: 404, message: "Product not found", description: `No product with id ${rawId} is published in the online store` } };
  const found =
    intent === "complementary"
      ? (complementary[p.handle] ?? []).flatMap((h) => cat.byHandle.get(h) ?? [])
      : cat.products.filter((x) => x !== p && x.collections.some((c) => p.collections.includes(c)));
  const products = found
    .filter((x) => !inCart.has(x.id) && x.variants.some(available) && Math.min(...x.variants.map((v) => v.price)) > 0)
    .slice(0, limit)
    .map((x) => {
      const j = productJson(x, m, root);
      const recId = createHash("sha1").update(`${p.id}:${x.id}:${intent}`).digest("hex").slice(0, 9);
      return { ...j, url: `${j.url}?pr_prod_strat=${intent === "complementary" ? "pinned" : "collection_fallback"}&pr_rec_id=${recId}&pr_rec_pid=${x.id}&pr_ref_pid=${p.id}&pr_seq=uniform` };
    });
  return { status: 200, body: { intent, products } };
}
