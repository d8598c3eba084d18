import { convert } from "@tactful/engine/money";
import { cartLinesDiscountsGenerateRun } from "../../extensions/tactful-discount/src/cart_lines_discounts_generate_run";
import { CurrencyCode, DiscountClass, LanguageCode, type CartInput } from "../../extensions/tactful-discount/generated/api";
import type { Catalog, SimCart } from "../storefront/ajax-api";
import { COLLECTIONS } from "../../app/demo-mode/catalog";

/*
 * The demo checkout's discount step: the cart shaped exactly as the discount
 * Function's input query returns it (see cart_lines_discounts_generate_run.graphql),
 * run through the REAL Function entry point, and its operations applied the
 * way Shopify applies a product discount (per target line, in the cart's
 * presentment currency, rounded to the currency's minor unit).
 */

export const SHOP_TIMEZONE = "Europe/Berlin";

export interface CheckoutLine {
  /** Position in the cart; also the REST line_item id suffix. */
  index: number;
  variantId: number;
  productId: number;
  title: string;
  variantTitle: string;
  quantity: number;
  properties: Record<string, string>;
  /** Unit price in shop currency and in presentment currency, minor units. */
  unitShop: number;
  unitPresentment: number;
  /** Discount on the whole line, presentment and shop minor units. */
  discountPresentment: number;
  discountShop: number;
  discountMessage: string | null;
}

export interface CheckoutTotals {
  currency: string;
  shopCurrency: string;
  rateMicros: number;
  lines: CheckoutLine[];
  subtotalBeforeDiscounts: number;
  discounts: number;
  total: number;
  /** The same in shop currency. */
  shop: { subtotalBeforeDiscounts: number; discounts: number; total: number };
  /** What the Function returned, for the page and for tests. */
  operations: unknown[];
}

const decimal = (minor: number) => (minor / 100).toFixed(2);

/** The shop's calendar date, as Shopify's `shop.localTime.date` gives it. */
export function shopLocalDate(now: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: SHOP_TIMEZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** c0..c4 / t0..t4 from the metafield: which collection or tag each query slot asks about. */
function slotQuestions(jsonValue: unknown) {
  const m = typeof jsonValue === "object" && jsonValue !== null ? (jsonValue as Record<string, unknown>) : {};
  const list = (k: string): string[] => (Array.isArray(m[k]) ? (m[k] as unknown[]).filter((x): x is string => typeof x === "string") : []);
  return { c: [0, 1, 2, 3, 4].map((i) => list(`c${i}`)), t: [0, 1, 2, 3, 4].map((i) => list(`t${i}`)) };
}

export function functionInput(cart: SimCart, catalog: Catalog, currency: string, rateMicros: number, functionConfig: unknown, now: number, locale = "en"): CartInput {
  const q = slotQuestions(functionConfig);
  const collectionGid = (handle: string) => `gid://shopify/Collection/${COLLECTIONS.find((c) => c.handle === handle)?.id ?? 0}`;
  const lines: CartInput["cart"]["lines"] = [];
  cart.lines.forEach((l, i) => {
    const found = catalog.byVariant.get(l.variantId);
    if (!found) return;
    const { product, variant } = found;
    const collections = product.collections.map(collectionGid);
    const inAny = (ids: string[]) => ids.some((id) => collections.includes(id));
    const hasAny = (tags: string[]) => tags.some((t) => product.tags.includes(t));
    const offer = l.properties._tactful_offer;
    const ab = l.properties._tactful_variant;
    lines.push({
      id: `gid://shopify/CartLine/${i + 1}`,
      // The input query's one-letter aliases (extensions/tactful-discount/src/*.graphql).
      q: l.quantity,
      o: offer ? { v: offer } : null,
      a: ab ? { v: ab } : null,
      c: { p: { a: decimal(convert(variant.price, rateMicros)) } },
      m: {
        id: `gid://shopify/ProductVariant/${variant.id}`,
        p: {
          id: `gid://shopify/Product/${product.id}`,
          c0: inAny(q.c[0] ?? []), c1: inAny(q.c[1] ?? []), c2: inAny(q.c[2] ?? []), c3: inAny(q.c[3] ?? []), c4: inAny(q.c[4] ?? []),
          t0: hasAny(q.t[0] ?? []), t1: hasAny(q.t[1] ?? []), t2: hasAny(q.t[2] ?? []), t3: hasAny(q.t[3] ?? []), t4: hasAny(q.t[4] ?? []),
        },
      },
    } as CartInput["cart"]["lines"][number]);
  });
  const language = locale === "fr" ? LanguageCode.Fr : locale === "ar" ? LanguageCode.Ar : LanguageCode.En;
  const result: CartInput = {
    cart: { lines, cost: { subtotalAmount: { currencyCode: currency as CurrencyCode } } },
    discount: { discountClasses: [DiscountClass.Product], metafield: functionConfig === undefined || functionConfig === null ? null : { jsonValue: functionConfig } },
    presentmentCurrencyRate: (rateMicros / 1_000_000).toFixed(6),
    shop: { localTime: { date: shopLocalDate(now) } },
    localization: { language: { isoCode: language } },
  };
  return result;
}

const minorOf = (amount: string) => Math.round(Number(amount) * 100);

/** Runs the discount Function over the cart and prices the checkout. */
export function priceCheckout(cart: SimCart, catalog: Catalog, opts: { currency: string; shopCurrency?: string; rateMicros: number; functionConfig: unknown; now: number; locale?: string }): CheckoutTotals {
  const input = functionInput(cart, catalog, opts.currency, opts.rateMicros, opts.functionConfig, opts.now, opts.locale);
  const result = cartLinesDiscountsGenerateRun(input);
  const lines: CheckoutLine[] = [];
  cart.lines.forEach((l, i) => {
    const found = catalog.byVariant.get(l.variantId);
    if (!found) return;
    lines.push({
      index: i + 1,
      variantId: found.variant.id,
      productId: found.product.id,
      title: found.product.title,
      variantTitle: found.variant.title,
      quantity: l.quantity,
      properties: { ...l.properties },
      unitShop: found.variant.price,
      unitPresentment: convert(found.variant.price, opts.rateMicros),
      discountPresentment: 0,
      discountShop: 0,
      discountMessage: null,
    });
  });
  for (const op of result.operations) {
    const add = "productDiscountsAdd" in op ? op.productDiscountsAdd : undefined;
    for (const c of add?.candidates ?? []) {
      for (const t of c.targets) {
        const id = "cartLine" in t && t.cartLine ? t.cartLine.id : undefined;
        const line = lines.find((x) => `gid://shopify/CartLine/${x.index}` === id);
        if (!line) continue;
        const gross = line.unitPresentment * line.quantity;
        const grossShop = line.unitShop * line.quantity;
        if ("percentage" in c.value && c.value.percentage) {
          const bps = Math.round(Number(c.value.percentage.value) * 100);
          line.discountPresentment = Math.min(gross, Math.round((gross * bps) / 10000));
          line.discountShop = Math.min(grossShop, Math.round((grossShop * bps) / 10000));
        } else if ("fixedAmount" in c.value && c.value.fixedAmount) {
          const each = minorOf(String(c.value.fixedAmount.amount));
          line.discountPresentment = Math.min(gross, c.value.fixedAmount.appliesToEachItem ? each * line.quantity : each);
          line.discountShop = Math.min(grossShop, Math.round((line.discountPresentment * 1_000_000) / opts.rateMicros));
        }
        line.discountMessage = c.message ?? null;
      }
    }
  }
  const sum = (f: (l: CheckoutLine) => number) => lines.reduce((s, l) => s + f(l), 0);
  const subtotal = sum((l) => l.unitPresentment * l.quantity);
  const discounts = sum((l) => l.discountPresentment);
  const shopSubtotal = sum((l) => l.unitShop * l.quantity);
  const shopDiscounts = sum((l) => l.discountShop);
  return {
    currency: opts.currency,
    shopCurrency: opts.shopCurrency ?? "EUR",
    rateMicros: opts.rateMicros,
    lines,
    subtotalBeforeDiscounts: subtotal,
    discounts,
    total: subtotal - discounts,
    shop: { subtotalBeforeDiscounts: shopSubtotal, discounts: shopDiscounts, total: shopSubtotal - shopDiscounts },
    operations: result.operations,
  };
}
