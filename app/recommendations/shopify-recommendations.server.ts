import { z } from "zod";
import { RECOMMENDATION_LIMIT } from "@tactful/engine/recommend";
import { numericId } from "@tactful/engine/shopify-id";
import type { Candidate, RecSource } from "@tactful/engine/types";

/*
 * Shopify's own recommendations for the admin preview (decision record 0098),
 * read server-side from the Storefront API's productRecommendations, the
 * twin of the storefront's recommendations/products.json (0085). Only the
 * intents the offer's sources name, only for the trigger products the
 * preview cart holds. The answer is parsed here and handed on as the
 * engine's Candidates, exactly what the storefront's recommender hands the
 * chooser; the choice itself stays the engine's. Any failure is reported,
 * never thrown: the preview then shows the other sources' products and says
 * why Shopify's are missing.
 */

/** What the Storefront client of @shopify/shopify-app-remix offers (unauthenticated.storefront(shop).storefront). */
export interface StorefrontGraphql {
  graphql(query: string, options?: { variables?: Record<string, unknown> }): Promise<Response>;
}

/** Shopify's source -> the Storefront API's ProductRecommendationIntent. */
export const INTENT = { shopify_complementary: "COMPLEMENTARY", shopify_related: "RELATED" } as const;
export type ShopifySource = keyof typeof INTENT;
export const isShopifySource = (s: RecSource): s is ShopifySource => s in INTENT;

/** The scope productRecommendations needs (shopify.dev, Storefront API access scopes). */
export const STOREFRONT_SCOPE = "unauthenticated_read_product_listings";

/** Per call: the preview re-runs on every change, and a Storefront answer that takes longer is treated as none. */
export const STOREFRONT_WAIT_MS = 5000;

/** Only the fields read below: the product, its handle, and which variants can be bought. */
export const PRODUCT_RECOMMENDATIONS_QUERY = `#graphql
  query TactfulProductRecommendations($productId: ID!, $intent: ProductRecommendationIntent!) {
    productRecommendations(productId: $productId, intent: $intent) {
      id
      handle
      variants(first: 100) {
        nodes {
          id
          availableForSale
        }
      }
    }
  }
`;

const productGid = z.string().regex(/^gid:\/\/shopify\/Product\/\d+$/);
const variantGid = z.string().regex(/^gid:\/\/shopify\/ProductVariant\/\d+$/);

/** One product of the answer; a product not in this shape is dropped, as the storefront's recommender drops it. */
const productSchema = z.object({
  id: productGid,
  handle: z.string().min(1),
  variants: z.object({ nodes: z.array(z.object({ id: variantGid, availableForSale: z.boolean() })) }),
});

const answerSchema = z.object({
  data: z.object({
    // null: Shopify knows no such product (or it is not published where the token reads).
    productRecommendations: z.array(productSchema.nullable().catch(null)).nullable(),
  }),
});

const errorsSchema = z.object({
  errors: z.array(z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).loose().optional() }).loose()).min(1),
});

/** The fix for "nothing recommended" when the preview could not read Shopify's recommendations: the blind spot is the preview's, not the offer's. */
export const UNREAD_SHOPIFY_FIX =
  "The preview could not read Shopify's recommendations (see the warning below), and they may be this offer's products: shoppers' browsers ask Shopify for them, so the offer can still show on your storefront.";

export type RecommendationsAnswer = { ok: true; products: z.output<typeof productSchema>[] } | { ok: false; reason: string };

const SCOPE_REASON = `the app has not been granted storefront access (the ${STOREFRONT_SCOPE} scope); reinstall the app, or approve its updated access, to grant it`;

/** Why a list of GraphQL errors means no recommendations, in words for the merchant. */
function errorsReason(errors: z.output<typeof errorsSchema>["errors"]): string {
  if (errors.some((e) => e.extensions?.code === "ACCESS_DENIED" || e.message.includes(STOREFRONT_SCOPE))) return SCOPE_REASON;
  if (errors.some((e) => e.extensions?.code === "THROTTLED")) return "Shopify is throttling the app's storefront requests; the preview will ask again on your next change";
  return `Shopify answered with an error: ${errors.map((e) => e.message).join("; ")}`;
}

/** One Storefront API answer (its JSON body), checked at the boundary. */
export function parseRecommendationsAnswer(body: unknown): RecommendationsAnswer {
  const errors = errorsSchema.safeParse(body);
  if (errors.success) return { ok: false, reason: errorsReason(errors.data.errors) };
  const parsed = answerSchema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: "Shopify's answer was not in the documented shape" };
  return { ok: true, products: (parsed.data.data.productRecommendations ?? []).filter((p) => p !== null) };
}

/**
 * What the Storefront client throws, in words: GraphQL errors come as a
 * GraphqlQueryError with the body's errors, HTTP errors as an
 * HttpResponseError with the status (shopify-api's client), no offline
 * session as a SessionNotFoundError (shopify-app-remix).
 */
export function thrownReason(error: unknown): string {
  const e = error as { name?: unknown; message?: unknown; body?: { errors?: { graphQLErrors?: unknown } }; response?: { code?: unknown } } | null;
  const graphQLErrors = errorsSchema.safeParse({ errors: e?.body?.errors?.graphQLErrors });
  if (graphQLErrors.success) return errorsReason(graphQLErrors.data.errors);
  const status = typeof e?.response?.code === "number" ? e.response.code : undefined;
  if (status === 401 || status === 403) return `Shopify refused the app's storefront access (HTTP ${status}): ${SCOPE_REASON}`;
  if (status !== undefined) return `Shopify's Storefront API answered HTTP ${status}`;
  if (e?.name === "SessionNotFoundError") return "the app has no stored access for this shop; open the app from your Shopify admin again";
  return `could not reach Shopify's Storefront API (${typeof e?.message === "string" ? e.message : String(error)})`;
}

export interface ShopifyRecommendations {
  /** For the engine: Cart.candidates, in each answer's order. Empty when `unavailable`. */
  candidates: Candidate[];
  /** Why Shopify's recommendations could not be read, as a sentence's end for the merchant; null when they were. */
  unavailable: string | null;
}

/** The call's answer, or a rejection once `ms` have passed; the timer goes with the answer. */
async function within<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([call, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Shopify's recommendations for each trigger product (numeric ids, the
 * engine's anchors) and each Shopify source the offer names, asked in
 * parallel. Each answer gives at most RECOMMENDATION_LIMIT products, as the
 * storefront asks for them; a product's variants are the ones it can sell.
 * One failed answer and none are used: the preview never mixes a partial
 * read into what it says Shopify recommends.
 */
export async function fetchShopifyRecommendations(
  storefront: () => Promise<StorefrontGraphql>,
  sources: readonly RecSource[],
  anchors: readonly string[],
  waitMs = STOREFRONT_WAIT_MS,
): Promise<ShopifyRecommendations> {
  const asked = sources.filter(isShopifySource);
  if (!asked.length || !anchors.length) return { candidates: [], unavailable: null };
  let client: StorefrontGraphql;
  try {
    client = await storefront();
  } catch (error) {
    return { candidates: [], unavailable: thrownReason(error) };
  }
  const one = async (source: ShopifySource, anchor: string): Promise<Candidate[]> => {
    let body: unknown;
    try {
      const response = await within(client.graphql(PRODUCT_RECOMMENDATIONS_QUERY, { variables: { productId: `gid://shopify/Product/${anchor}`, intent: INTENT[source] } }), waitMs);
      body = await response.json();
    } catch (error) {
      throw new Error(error instanceof SyntaxError ? "Shopify's answer was not JSON" : thrownReason(error));
    }
    const answer = parseRecommendationsAnswer(body);
    if (!answer.ok) throw new Error(answer.reason);
    return answer.products.slice(0, RECOMMENDATION_LIMIT).map((p) => ({
      source,
      forProductId: anchor,
      item: { productId: numericId(p.id), handle: p.handle, variantIds: p.variants.nodes.filter((v) => v.availableForSale).map((v) => numericId(v.id)) },
    }));
  };
  try {
    const lists = await Promise.all(asked.flatMap((source) => anchors.map((anchor) => one(source, anchor))));
    return { candidates: lists.flat(), unavailable: null };
  } catch (error) {
    return { candidates: [], unavailable: error instanceof Error ? error.message : String(error) };
  }
}
