import { fractionDigits, fromDecimalString, numericId, type VariantPriceAndStock } from "@tactful/engine";

/*
 * Offered variants' prices, availability and display data from the
 * Storefront API (api_access), in the buyer's country so prices are the ones
 * checkout will charge. Also the shop's currency (to know whether the rate
 * is 1) and, only when some trigger needs them, the cart products' tags.
 */

export interface Display {
  title: string;
  variantTitle?: string;
  image?: { url: string; alt: string };
}

export interface OfferFacts {
  shopCurrency: string;
  variants: Record<string, VariantPriceAndStock>;
  display: Record<string, Display>;
  tags: Record<string, string[]>;
}

export type QueryFn = (query: string, options?: { variables?: Record<string, unknown> }) => Promise<{ data?: unknown; errors?: unknown[] }>;

export const OFFER_FACTS_QUERY = `query TactfulOfferFacts($variants: [ID!]!, $products: [ID!]!, $withTags: Boolean!, $country: CountryCode) @inContext(country: $country) {
  shop { paymentSettings { currencyCode } }
  variants: nodes(ids: $variants) {
    ... on ProductVariant { id title availableForSale price { amount currencyCode } image { url altText } product { title featuredImage { url altText } } }
  }
  products: nodes(ids: $products) @include(if: $withTags) { ... on Product { id tags } }
}`;

type J = Record<string, unknown>;
const obj = (x: unknown): J => (typeof x === "object" && x !== null ? (x as J) : {});
const str = (x: unknown): string | undefined => (typeof x === "string" ? x : undefined);

function image(x: unknown): Display["image"] {
  const i = obj(x);
  const url = str(i.url);
  return url ? { url, alt: str(i.altText) ?? "" } : undefined;
}

/** Null when the query failed or the answer is unusable: the block then shows nothing. */
export async function fetchOfferFacts(query: QueryFn, variantIds: string[], productIds: string[], country: string | undefined, currency: string): Promise<OfferFacts | null> {
  let res: Awaited<ReturnType<QueryFn>>;
  try {
    res = await query(OFFER_FACTS_QUERY, {
      variables: {
        variants: variantIds.map((v) => `gid://shopify/ProductVariant/${v}`),
        products: productIds.map((p) => `gid://shopify/Product/${p}`),
        withTags: productIds.length > 0,
        ...(country ? { country } : {}),
      },
    });
  } catch {
    return null;
  }
  const data = obj(res.data);
  const shopCurrency = str(obj(obj(data.shop).paymentSettings).currencyCode);
  if (!shopCurrency || (res.errors && res.errors.length)) return null;
  const facts: OfferFacts = { shopCurrency, variants: {}, display: {}, tags: {} };
  for (const n of Array.isArray(data.variants) ? data.variants : []) {
    const v = obj(n);
    const id = str(v.id);
    const price = obj(v.price);
    const amount = str(price.amount);
    // A price in another currency than checkout's cannot be compared: leave the variant unknown (PRICE_UNKNOWN).
    if (!id || amount === undefined || price.currencyCode !== currency) continue;
    const unitPrice = fromDecimalString(amount, fractionDigits(currency));
    if (unitPrice === null) continue;
    const product = obj(v.product);
    facts.variants[numericId(id)] = { unitPrice, available: v.availableForSale === true };
    const variantTitle = str(v.title);
    const img = image(v.image) ?? image(product.featuredImage);
    facts.display[numericId(id)] = {
      title: str(product.title) ?? "",
      ...(variantTitle && variantTitle !== "Default Title" ? { variantTitle } : {}),
      ...(img ? { image: img } : {}),
    };
  }
  for (const n of Array.isArray(data.products) ? data.products : []) {
    const p = obj(n);
    const id = str(p.id);
    if (id && Array.isArray(p.tags)) facts.tags[numericId(id)] = p.tags.filter((t): t is string => typeof t === "string");
  }
  return facts;
}
