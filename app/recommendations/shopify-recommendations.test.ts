import { readFileSync } from "node:fs";
import { buildSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import {
  fetchShopifyRecommendations,
  parseRecommendationsAnswer,
  PRODUCT_RECOMMENDATIONS_QUERY,
  STOREFRONT_SCOPE,
  type StorefrontGraphql,
} from "./shopify-recommendations.server";

/* Shopify's recommendations for the admin preview, read from the Storefront API (decision record 0098). */

const product = (id: number, handle: string, variants: [number, boolean][]) => ({
  id: `gid://shopify/Product/${id}`,
  handle,
  variants: { nodes: variants.map(([v, availableForSale]) => ({ id: `gid://shopify/ProductVariant/${v}`, availableForSale })) },
});
const good = { data: { productRecommendations: [product(10, "phone-case", [[101, true], [102, false]]), product(11, "screen-protector", [[111, true]])] } };
const accessDenied = {
  errors: [
    {
      message: "Access denied for productRecommendations field. Required access: `unauthenticated_read_product_listings` access scope.",
      path: ["productRecommendations"],
      extensions: { code: "ACCESS_DENIED" },
    },
  ],
  data: null,
};

/** A Storefront client answering with `answer(variables)`, recording what it was asked. */
function client(answer: (variables: Record<string, unknown>) => unknown | Promise<unknown>) {
  const asked: Record<string, unknown>[] = [];
  const storefront: StorefrontGraphql = {
    async graphql(_query, options) {
      const variables = options?.variables ?? {};
      asked.push(variables);
      const body = await answer(variables);
      return new Response(typeof body === "string" ? body : JSON.stringify(body));
    },
  };
  return { asked, storefront: async () => storefront };
}

describe("the Storefront query", () => {
  it("is valid against the documented Storefront API subset (QueryRoot.productRecommendations, ProductRecommendationIntent)", () => {
    const schema = buildSchema(readFileSync(new URL("../graphql/storefront-2026-07.subset.graphql", import.meta.url), "utf8"));
    expect(validate(schema, parse(PRODUCT_RECOMMENDATIONS_QUERY))).toEqual([]);
    // The subset is not a rubber stamp: a field Shopify's Product lacks is refused.
    expect(validate(schema, parse(PRODUCT_RECOMMENDATIONS_QUERY.replace("handle", "handle\n      cost"))).length).toBeGreaterThan(0);
  });
});

describe("parseRecommendationsAnswer", () => {
  it("reads a good answer: each product's id, handle and variants", () => {
    const r = parseRecommendationsAnswer(good);
    expect(r).toEqual({ ok: true, products: good.data.productRecommendations });
  });
  it("reads null (a product Shopify does not know) as no recommendations, and drops a product not in the documented shape", () => {
    expect(parseRecommendationsAnswer({ data: { productRecommendations: null } })).toEqual({ ok: true, products: [] });
    const r = parseRecommendationsAnswer({ data: { productRecommendations: [{ id: "gid://shopify/Product/12", handle: "" }, product(11, "screen-protector", [[111, true]])] } });
    expect(r.ok && r.products.map((p) => p.handle)).toEqual(["screen-protector"]);
  });
  it("fails closed on GraphQL errors, naming the missing storefront scope", () => {
    const denied = parseRecommendationsAnswer(accessDenied);
    expect(denied.ok).toBe(false);
    expect(!denied.ok && denied.reason).toContain(STOREFRONT_SCOPE);
    expect(!denied.ok && denied.reason).toMatch(/reinstall the app, or approve its updated access/);
    expect(parseRecommendationsAnswer({ errors: [{ message: "Internal error. Looks like something went wrong on our end." }] })).toEqual({
      ok: false,
      reason: "Shopify answered with an error: Internal error. Looks like something went wrong on our end.",
    });
  });
  it("fails closed on an answer not in the documented shape", () => {
    for (const body of [null, "oops", {}, { data: {} }, { data: { productRecommendations: "x" } }]) {
      expect(parseRecommendationsAnswer(body)).toEqual({ ok: false, reason: "Shopify's answer was not in the documented shape" });
    }
  });
});

describe("fetchShopifyRecommendations", () => {
  it("asks only the intents the offer's sources name, for each trigger product, and hands the engine its Candidates", async () => {
    const c = client(() => good);
    const r = await fetchShopifyRecommendations(c.storefront, ["co_purchase", "shopify_complementary"], ["1", "2"]);
    expect(c.asked).toEqual([
      { productId: "gid://shopify/Product/1", intent: "COMPLEMENTARY" },
      { productId: "gid://shopify/Product/2", intent: "COMPLEMENTARY" },
    ]);
    expect(r.unavailable).toBeNull();
    expect(r.candidates).toEqual([
      // Only the variants Shopify can sell, as the storefront's recommender keeps them.
      { source: "shopify_complementary", forProductId: "1", item: { productId: "10", handle: "phone-case", variantIds: ["101"] } },
      { source: "shopify_complementary", forProductId: "1", item: { productId: "11", handle: "screen-protector", variantIds: ["111"] } },
      { source: "shopify_complementary", forProductId: "2", item: { productId: "10", handle: "phone-case", variantIds: ["101"] } },
      { source: "shopify_complementary", forProductId: "2", item: { productId: "11", handle: "screen-protector", variantIds: ["111"] } },
    ]);
  });

  it("keeps at most six products per answer, as the storefront asks for them", async () => {
    const many = { data: { productRecommendations: Array.from({ length: 10 }, (_, i) => product(20 + i, `p${i}`, [[200 + i, true]])) } };
    const r = await fetchShopifyRecommendations(client(() => many).storefront, ["shopify_related"], ["1"]);
    expect(r.candidates.map((c) => c.item.handle)).toEqual(["p0", "p1", "p2", "p3", "p4", "p5"]);
  });

  it("asks nothing when the offer names no Shopify source or the cart holds no trigger product", async () => {
    const c = client(() => good);
    expect(await fetchShopifyRecommendations(c.storefront, ["co_purchase"], ["1"])).toEqual({ candidates: [], unavailable: null });
    expect(await fetchShopifyRecommendations(c.storefront, ["shopify_related"], [])).toEqual({ candidates: [], unavailable: null });
    expect(c.asked).toEqual([]);
  });

  it("fails closed, with the reason, on GraphQL errors, malformed JSON, a thrown client error, an HTTP refusal, no session or no answer in time", async () => {
    const scope = await fetchShopifyRecommendations(client(() => accessDenied).storefront, ["shopify_complementary"], ["1"]);
    expect(scope.candidates).toEqual([]);
    expect(scope.unavailable).toContain(STOREFRONT_SCOPE);

    // One intent answers, the other fails: none are used.
    const half = client((v) => (v.intent === "RELATED" ? "{not json" : good));
    expect(await fetchShopifyRecommendations(half.storefront, ["shopify_complementary", "shopify_related"], ["1"])).toEqual({ candidates: [], unavailable: "Shopify's answer was not JSON" });

    // What shopify-api's Storefront client throws for GraphQL errors (GraphqlQueryError) and HTTP errors (HttpResponseError).
    const graphqlQueryError = Object.assign(new Error("Access denied"), { body: { errors: { graphQLErrors: accessDenied.errors } } });
    const thrown = await fetchShopifyRecommendations(client(() => Promise.reject(graphqlQueryError)).storefront, ["shopify_related"], ["1"]);
    expect(thrown.unavailable).toContain(STOREFRONT_SCOPE);
    const httpError = Object.assign(new Error("Received an error response (403 Forbidden) from Shopify"), { response: { code: 403, statusText: "Forbidden" } });
    expect((await fetchShopifyRecommendations(client(() => Promise.reject(httpError)).storefront, ["shopify_related"], ["1"])).unavailable).toMatch(/^Shopify refused the app's storefront access \(HTTP 403\)/);
    const serverError = Object.assign(new Error("Shopify internal error"), { response: { code: 502 } });
    expect((await fetchShopifyRecommendations(client(() => Promise.reject(serverError)).storefront, ["shopify_related"], ["1"])).unavailable).toBe("Shopify's Storefront API answered HTTP 502");

    const noSession = Object.assign(new Error("Could not find a session"), { name: "SessionNotFoundError" });
    const missing = await fetchShopifyRecommendations(() => Promise.reject(noSession), ["shopify_related"], ["1"]);
    expect(missing).toEqual({ candidates: [], unavailable: "the app has no stored access for this shop; open the app from your Shopify admin again" });

    const hang = client(() => new Promise(() => {}));
    expect(await fetchShopifyRecommendations(hang.storefront, ["shopify_related"], ["1"], 20)).toEqual({ candidates: [], unavailable: "could not reach Shopify's Storefront API (no answer within 0.02 s)" });
  });
});
