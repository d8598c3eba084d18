import { readFileSync } from "node:fs";
import { buildSchema, graphql as execute } from "graphql";
import { delay, graphql, http, type GraphQLHandler, type HttpHandler } from "msw";

/*
 * A stand-in for the slice of Shopify's Admin GraphQL API the app uses
 * (shared by tests/admin and `npm run demo`, see demo/admin-api/server.ts),
 * answering with the documented shapes: metafieldsSet is all-or-nothing and
 * reports userErrors with elementIndex; discountAutomaticAppCreate reports
 * DiscountUserErrors; throttling is HTTP 200 with a THROTTLED error and the
 * cost extension. Tests script faults with `fail`.
 */

/** A JSON answer built with the Response constructor: the production server's Response has no static json() (decisions 0051, 0060). */
const jsonResponse = (body: unknown) => new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } });

export const ADMIN_ENDPOINT = adminEndpoint("test-shop.myshopify.com");

/** Where the app's Admin GraphQL client posts for a shop (API version pinned in shopify.server.ts). */
export function adminEndpoint(shop: string): string {
  return `https://${shop}/admin/api/2026-07/graphql.json`;
}
/** Where unauthenticated.storefront(shop) posts: the Storefront API, same version, `/api/` instead of `/admin/api/`. */
export function storefrontEndpoint(adminUrl: string): string {
  return adminUrl.replace("/admin/api/", "/api/");
}

/** The Storefront API subset the app's Storefront query is written against; the fake executes queries with it. */
const STOREFRONT_SCHEMA = buildSchema(readFileSync(new URL("../../app/graphql/storefront-2026-07.subset.graphql", import.meta.url), "utf8"));

export const INSTALLATION_ID = "gid://shopify/AppInstallation/9001";
/** The shop's own GID (`shop { id }`): the owner of the checkout extension's metafields. */
export const SHOP_ID = "gid://shopify/Shop/548380009";

type Fault =
  | { kind: "throttled"; currentlyAvailable?: number; restoreRate?: number; requestedQueryCost?: number }
  | { kind: "http"; status: number }
  /** No answer at all: the client's own timeout is all that ends the request. */
  | { kind: "hang" }
  | { kind: "userErrors"; errors: { field: string[] | null; message: string; code?: string }[] };

export interface ProductFixture {
  id: string;
  handle: string;
  title: string;
  variants: { id: string; title: string; price: string; availableForSale?: boolean }[];
  tags?: string[];
  /** The product's featured image, as the Admin API gives it; none when absent. */
  image?: { url: string; altText: string | null };
}

export interface CollectionFixture {
  title: string;
  /** Product GIDs, in the collection's order. */
  productIds: string[];
}

/** An order line as the Admin API's LineItem reports it (money after line discounts, before tax). */
export interface OrderLineFixture {
  /** Numeric line item id. */
  id: string;
  quantity: number;
  /** Numeric variant id; null for a custom item or a deleted variant. */
  variantId: string | null;
  shop: { amount: string; currencyCode: string };
  presentment: { amount: string; currencyCode: string };
}

export interface OrderFixture {
  /** Numeric order id. */
  id: string;
  lines: OrderLineFixture[];
  /** `${namespace}|${key}` -> value, as the order's metafields (a post-purchase changeset's set_metafield writes here). */
  metafields: Map<string, string>;
}

/** An order as a bulk query over `orders { lineItems { product { id } } }` reads it. */
export interface BulkOrderFixture {
  /** Numeric order id. */
  id: string;
  createdAt: string;
  /** One per line item: the product's numeric id, or null (custom item, deleted product). */
  productIds: (string | null)[];
}

/** Where the fake serves a finished bulk operation's JSONL (Shopify serves it from Google Cloud Storage). */
export const BULK_OUTPUT_ORIGIN = "https://storage.googleapis.com";

export class FakeAdminApi {
  /** `${ownerId}|${namespace}|${key}` -> value; what Shopify would serve to Liquid and the Function. */
  metafields = new Map<string, string>();
  discounts = new Map<string, { title: string; functionHandle: string; combinesWith: unknown; discountClasses: unknown }>();
  calls: { operation: string; variables: Record<string, unknown> }[] = [];
  faults = new Map<string, Fault[]>();
  products = new Map<string, ProductFixture>();
  /** Collection GID -> its products, for `collection(id:) { products }`. */
  collections = new Map<string, CollectionFixture>();
  /** Orders by numeric id, for `order(id:)` and LineItem `nodes` (the simulated checkout adds them). */
  orders = new Map<string, OrderFixture>();
  /** The shop's orders as bulkOperationRunQuery exports them (the co-purchase backfill). */
  bulkOrders: BulkOrderFixture[] = [];
  /** Bulk operations by GID; `pollsLeft` answers RUNNING that many more times before COMPLETED (or `finishAs`). */
  bulkOperations = new Map<string, { query: string; pollsLeft: number; finishAs: "COMPLETED" | "FAILED" | "CANCELED"; jsonl: string }>();
  /** How many polls a new bulk operation answers RUNNING. */
  bulkPollsBeforeDone = 1;
  private nextBulk = 1;
  settingsData: string | null = null;
  themeName = "Dawn";
  /** The shop's time zone (`shop { ianaTimezone }`), the default for new offers' schedules. */
  timezone = "Europe/Berlin";
  /** The shop currency the Admin API reports (`shop { currencyCode }`); the demo shop sells in euros. */
  shopCurrency = "EUR";
  /**
   * The shop's locales as `shopLocales` lists them (ShopLocale: locale, name,
   * primary, published); exactly one is primary. The demo shop sells in
   * English, German and French.
   */
  locales: { locale: string; name: string; primary: boolean; published: boolean }[] = [
    { locale: "en", name: "English", primary: true, published: true },
    { locale: "de", name: "German", primary: false, published: true },
    { locale: "fr", name: "French", primary: false, published: true },
  ];
  /** false: the app has not been granted read_locales, and shopLocales answers ACCESS_DENIED as Shopify does. */
  canReadLocales = true;
  /** The shop's "HTML without currency" format (`shop { currencyFormats { moneyFormat } }`). */
  moneyFormat = "€{{amount_with_comma_separator}}";
  /**
   * Search & Discovery's complementary products, by handle, in the merchant's
   * order: what productRecommendations(intent: COMPLEMENTARY) answers (the
   * demo uses the simulated storefront's own pairs, COMPLEMENTARY).
   */
  complementary: Record<string, string[]> = {};
  /** false: the app lacks unauthenticated_read_product_listings, and the Storefront API answers ACCESS_DENIED. */
  storefrontScope = true;
  /** The current AppInstallation; a reinstall gets a new one. */
  installationId = INSTALLATION_ID;
  private nextDiscount = 1;

  constructor(
    private readonly opts: {
      endpoint?: string;
      /** Called after every successful write with ALL metafields now stored (as Shopify would serve them). */
      onMetafieldsChanged?: (all: { ownerId: string; namespace: string; key: string; value: string }[]) => void | Promise<void>;
    } = {},
  ) {}

  /** Every stored metafield, for forwarding to the simulated storefront. */
  allMetafields() {
    return [...this.metafields].map(([k, value]) => {
      const [ownerId = "", namespace = "", key = ""] = k.split("|");
      return { ownerId, namespace, key, value };
    });
  }

  private async changed() {
    await this.opts.onMetafieldsChanged?.(this.allMetafields());
  }

  /** The next `times` calls of `operation` fail with `fault`. */
  fail(operation: string, fault: Fault, times = 1) {
    const list = this.faults.get(operation) ?? [];
    for (let i = 0; i < times; i++) list.push(fault);
    this.faults.set(operation, list);
  }

  /**
   * What Shopify does when the merchant uninstalls: the installation's
   * app-owned metafields and the discounts backed by the app's Function go,
   * and a later install is a new AppInstallation. Shopify's docs do not say
   * whether the Shop's app-owned (`$app:`) metafields go too; the fake keeps
   * them, the harder case: the checkout extension does not run while the app
   * is uninstalled, and a reinstall's first sync overwrites every one of them.
   */
  uninstall() {
    for (const key of [...this.metafields.keys()]) {
      const owner = key.split("|")[0] ?? "";
      if (owner === this.installationId || this.discounts.has(owner)) this.metafields.delete(key);
    }
    this.discounts.clear();
    this.installationId = `gid://shopify/AppInstallation/${Number(this.installationId.split("/").pop()) + 1}`;
  }

  metafield(ownerId: string, namespace: string, key: string): string | undefined {
    return this.metafields.get(`${ownerId}|${namespace}|${key}`);
  }

  count(operation: string) {
    return this.calls.filter((c) => c.operation === operation).length;
  }

  private async fault(operation: string) {
    const list = this.faults.get(operation);
    const f = list?.shift();
    if (!f) return null;
    if (f.kind === "hang") {
      // Resolves only when the client gives up (MSW rejects the aborted fetch).
      await delay("infinite");
      return new Response(null, { status: 504 });
    }
    if (f.kind === "throttled") {
      return jsonResponse({
        errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
        extensions: {
          cost: {
            requestedQueryCost: f.requestedQueryCost ?? 10,
            actualQueryCost: null,
            throttleStatus: { maximumAvailable: 2000, currentlyAvailable: f.currentlyAvailable ?? 0, restoreRate: f.restoreRate ?? 100 },
          },
        },
      });
    }
    // Shopify's 5xx bodies are not GraphQL; the client sees only the status.
    if (f.kind === "http") return new Response("Internal Server Error", { status: f.status });
    return f;
  }

  /**
   * The JSONL a bulk query over orders and their line items produces with
   * groupObjects false: one line per order, one per line item with
   * `__parentId` naming its order. Children follow their parent but not
   * necessarily right after it (Shopify's docs), so the line items come after
   * all the orders here, the harder case for a reader.
   */
  bulkOrdersJsonl(): string {
    const lines: string[] = this.bulkOrders.map((o) => JSON.stringify({ id: `gid://shopify/Order/${o.id}`, createdAt: o.createdAt }));
    let lineId = 1;
    for (const o of this.bulkOrders) {
      for (const p of o.productIds) {
        lines.push(JSON.stringify({ id: `gid://shopify/LineItem/${o.id}${lineId++}`, product: p ? { id: `gid://shopify/Product/${p}` } : null, __parentId: `gid://shopify/Order/${o.id}` }));
      }
    }
    return lines.length ? lines.join("\n") + "\n" : "";
  }

  /**
   * QueryRoot.productRecommendations as shopify.dev documents it: null for a
   * product Shopify does not know; at most 10 products; the product itself,
   * products with nothing for sale and products priced 0 left out ("Limitations"
   * of complementary products; the fixtures have no gift cards). COMPLEMENTARY
   * is the merchant's pairs, RELATED (the default) the products sharing a collection.
   */
  private productRecommendations(productId: unknown, intent: string) {
    const p = typeof productId === "string" ? this.products.get(productId) : undefined;
    if (!p) return null;
    const byHandle = new Map([...this.products.values()].map((x) => [x.handle, x]));
    const collectionsOf = (id: string) => [...this.collections.values()].filter((c) => c.productIds.includes(id));
    const found =
      intent === "COMPLEMENTARY"
        ? (this.complementary[p.handle] ?? []).flatMap((h) => byHandle.get(h) ?? [])
        : [...this.products.values()].filter((x) => collectionsOf(p.id).some((c) => c.productIds.includes(x.id)));
    return found
      .filter((x) => x.id !== p.id && x.variants.some((v) => v.availableForSale ?? true) && x.variants.some((v) => Number(v.price) > 0))
      .slice(0, 10)
      .map((x) => ({
        id: x.id,
        handle: x.handle,
        title: x.title,
        availableForSale: x.variants.some((v) => v.availableForSale ?? true),
        variants: () => ({
          nodes: x.variants.map((v) => ({ id: v.id, title: v.title, availableForSale: v.availableForSale ?? true, price: { amount: v.price, currencyCode: this.shopCurrency } })),
        }),
      }));
  }

  handlers(): (GraphQLHandler | HttpHandler)[] {
    const api = graphql.link(this.opts.endpoint ?? ADMIN_ENDPOINT);
    const storefront = graphql.link(storefrontEndpoint(this.opts.endpoint ?? ADMIN_ENDPOINT));
    const cost = { requestedQueryCost: 10, actualQueryCost: 10, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1990, restoreRate: 100 } };
    const answer = (data: unknown) => jsonResponse({ data, extensions: { cost } });
    const record = (operation: string, variables: Record<string, unknown>) => this.calls.push({ operation, variables });

    return [
      // The Storefront API, as unauthenticated.storefront(shop) reaches it with the offline token as its private token.
      storefront.query("TactfulProductRecommendations", async ({ query, variables, request }) => {
        record("TactfulProductRecommendations", variables);
        const f = await this.fault("TactfulProductRecommendations");
        if (f && f instanceof Response) return f;
        if (!request.headers.get("Shopify-Storefront-Private-Token")) return new Response(JSON.stringify({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" }), { status: 401 });
        if (!this.storefrontScope) {
          return jsonResponse({
            errors: [
              {
                message: "Access denied for productRecommendations field. Required access: `unauthenticated_read_product_listings` access scope.",
                locations: [{ line: 2, column: 5 }],
                path: ["productRecommendations"],
                extensions: { code: "ACCESS_DENIED", documentation: "https://shopify.dev/api/usage/access-scopes", requiredAccess: "`unauthenticated_read_product_listings` access scope." },
              },
            ],
            data: null,
          });
        }
        // Executed against the documented schema subset: a field the subset lacks is a GraphQL error, as Shopify's would be.
        const result = await execute({
          schema: STOREFRONT_SCHEMA,
          source: query,
          variableValues: variables,
          rootValue: { productRecommendations: (a: { productId?: unknown; intent?: string }) => this.productRecommendations(a.productId, a.intent ?? "RELATED") },
        });
        return jsonResponse(JSON.parse(JSON.stringify(result)));
      }),
      api.query("TactfulAppInstallation", async ({ variables }) => {
        record("TactfulAppInstallation", variables);
        const f = await this.fault("TactfulAppInstallation");
        if (f && f instanceof Response) return f;
        return answer({ currentAppInstallation: { id: this.installationId }, shop: { id: SHOP_ID, currencyCode: this.shopCurrency } });
      }),
      api.query("TactfulShopLocales", async ({ query, variables }) => {
        record("TactfulShopLocales", variables);
        const f = await this.fault("TactfulShopLocales");
        if (f && f instanceof Response) return f;
        if (!this.canReadLocales) {
          return jsonResponse({
            errors: [
              {
                message: "Access denied for shopLocales field. Required access: `read_locales` access scope. Also: Requires `read_markets_home` access scope.",
                locations: [{ line: 2, column: 3 }],
                extensions: { code: "ACCESS_DENIED", documentation: "https://shopify.dev/api/usage/access-scopes", requiredAccess: "`read_locales` access scope." },
                path: ["shopLocales"],
              },
            ],
            data: null,
            extensions: { cost },
          });
        }
        // `published: true` filters; the argument defaults to false (every enabled locale).
        const onlyPublished = /shopLocales\(\s*published:\s*true\s*\)/.test(query);
        return answer({ shopLocales: this.locales.filter((l) => !onlyPublished || l.published) });
      }),
      api.query("TactfulShopMoney", async ({ variables }) => {
        record("TactfulShopMoney", variables);
        const f = await this.fault("TactfulShopMoney");
        if (f && f instanceof Response) return f;
        return answer({ shop: { currencyCode: this.shopCurrency, currencyFormats: { moneyFormat: this.moneyFormat } } });
      }),
      api.query("TactfulShopTimezone", ({ variables }) => {
        record("TactfulShopTimezone", variables);
        return answer({ shop: { ianaTimezone: this.timezone } });
      }),
      api.query("TactfulMainThemeSettings", async ({ variables }) => {
        record("TactfulMainThemeSettings", variables);
        const f = await this.fault("TactfulMainThemeSettings");
        if (f && f instanceof Response) return f;
        const files = this.settingsData === null ? [] : [{ filename: "config/settings_data.json", body: { content: this.settingsData } }];
        return answer({ themes: { nodes: [{ id: "gid://shopify/OnlineStoreTheme/1", name: this.themeName, role: "MAIN", files: { nodes: files, userErrors: [] } }] } });
      }),
      api.query("TactfulDiscountNode", ({ variables }) => {
        record("TactfulDiscountNode", variables);
        const id = String(variables.id);
        const d = this.discounts.get(id);
        return answer({ discountNode: d ? { id, discount: { __typename: "DiscountAutomaticApp", discountId: id, status: "ACTIVE" } } : null });
      }),
      api.query("TactfulPreviewProducts", ({ variables }) => {
        record("TactfulPreviewProducts", variables);
        const ids = (variables.ids as string[]) ?? [];
        return answer({
          nodes: ids.map((id) => {
            const p = this.products.get(id);
            if (!p) return null;
            return {
              __typename: "Product",
              id: p.id,
              handle: p.handle,
              title: p.title,
              tags: p.tags ?? [],
              featuredImage: p.image ?? null,
              variants: { nodes: p.variants.map((v) => ({ id: v.id, title: v.title, price: v.price, compareAtPrice: null, availableForSale: v.availableForSale ?? true })) },
            };
          }),
        });
      }),
      api.query("TactfulOrderEditAttribution", async ({ variables }) => {
        record("TactfulOrderEditAttribution", variables);
        const f = await this.fault("TactfulOrderEditAttribution");
        if (f && f instanceof Response) return f;
        const order = this.orders.get(String(variables.order).split("/").pop() ?? "");
        const ns = "tactful|post_purchase";
        const lines = new Map<string, OrderLineFixture>([...this.orders.values()].flatMap((o) => o.lines.map((l) => [`gid://shopify/LineItem/${l.id}`, l] as const)));
        return answer({
          order: order ? { id: `gid://shopify/Order/${order.id}`, metafield: order.metafields.has(ns) ? { value: order.metafields.get(ns) } : null } : null,
          // nodes() answers null for an id it cannot resolve, in the order asked.
          nodes: ((variables.lines as string[]) ?? []).map((id) => {
            const l = lines.get(id);
            return l
              ? {
                  __typename: "LineItem",
                  id,
                  quantity: l.quantity,
                  variant: l.variantId ? { id: `gid://shopify/ProductVariant/${l.variantId}` } : null,
                  discountedTotalSet: { shopMoney: l.shop, presentmentMoney: l.presentment },
                }
              : null;
          }),
        });
      }),
      api.query("TactfulCollectionProducts", async ({ variables }) => {
        record("TactfulCollectionProducts", variables);
        const f = await this.fault("TactfulCollectionProducts");
        if (f && f instanceof Response) return f;
        const c = this.collections.get(String(variables.id));
        if (!c) return answer({ collection: null });
        // Cursors are opaque to clients; here, the index of the next product. 250 is the connection's page size.
        const start = typeof variables.after === "string" ? Number(variables.after) : 0;
        const page = c.productIds.slice(start, start + 250);
        const next = start + page.length;
        return answer({
          collection: {
            id: String(variables.id),
            title: c.title,
            productsCount: { count: c.productIds.length, precision: "EXACT" },
            products: { nodes: page.map((id) => ({ id })), pageInfo: { hasNextPage: next < c.productIds.length, endCursor: page.length ? String(next) : null } },
          },
        });
      }),
      api.query("TactfulPreviewMembership", ({ variables }) => {
        record("TactfulPreviewMembership", variables);
        const members = this.collections.get(String(variables.collection))?.productIds ?? [];
        const ids = (variables.ids as string[]) ?? [];
        return answer({ nodes: ids.map((id) => (this.products.has(id) || members.includes(id) ? { __typename: "Product", id, inCollection: members.includes(id) } : null)) });
      }),
      api.mutation("TactfulBulkOperationRunQuery", async ({ variables }) => {
        record("TactfulBulkOperationRunQuery", variables);
        const f = await this.fault("TactfulBulkOperationRunQuery");
        if (f instanceof Response) return f;
        if (f) return answer({ bulkOperationRunQuery: { bulkOperation: null, userErrors: f.errors.map((e) => ({ code: "INVALID", ...e })) } });
        const query = String(variables.query ?? "");
        // Shopify validates the document: it needs a connection, at most 5, nested at most 2 deep.
        if (!/\borders\s*\(/.test(query) || !/\blineItems\b/.test(query)) {
          return answer({ bulkOperationRunQuery: { bulkOperation: null, userErrors: [{ field: ["query"], message: "The fake only runs bulk queries over orders and their line items.", code: "INVALID" }] } });
        }
        const running = [...this.bulkOperations.values()].filter((b) => b.pollsLeft > 0).length;
        if (running >= 5) return answer({ bulkOperationRunQuery: { bulkOperation: null, userErrors: [{ field: null, message: "A maximum of 5 bulk queries can run at a time.", code: "LIMIT_REACHED" }] } });
        const id = `gid://shopify/BulkOperation/${7000 + this.nextBulk++}`;
        this.bulkOperations.set(id, { query, pollsLeft: this.bulkPollsBeforeDone, finishAs: "COMPLETED", jsonl: this.bulkOrdersJsonl() });
        return answer({ bulkOperationRunQuery: { bulkOperation: { id, status: "CREATED" }, userErrors: [] } });
      }),
      api.query("TactfulBulkOperation", async ({ variables }) => {
        record("TactfulBulkOperation", variables);
        const f = await this.fault("TactfulBulkOperation");
        if (f && f instanceof Response) return f;
        const id = String(variables.id);
        const op = this.bulkOperations.get(id);
        if (!op) return answer({ node: null });
        const objects = op.jsonl ? op.jsonl.trimEnd().split("\n").length : 0;
        if (op.pollsLeft > 0) {
          op.pollsLeft--;
          return answer({ node: { id, status: "RUNNING", errorCode: null, objectCount: String(Math.floor(objects / 2)), url: null, partialDataUrl: null } });
        }
        if (op.finishAs === "FAILED") return answer({ node: { id, status: "FAILED", errorCode: "TIMEOUT", objectCount: "0", url: null, partialDataUrl: null } });
        // bulkOperationCancel: no error code, and what was exported so far is not offered.
        if (op.finishAs === "CANCELED") return answer({ node: { id, status: "CANCELED", errorCode: null, objectCount: "0", url: null, partialDataUrl: null } });
        // A completed operation with no results has no file: url is null.
        const url = objects ? `${BULK_OUTPUT_ORIGIN}/shopify-tiers-assets-prod-us-east1/bulk-operation-outputs/${id.split("/").pop()}-final.jsonl` : null;
        return answer({ node: { id, status: "COMPLETED", errorCode: null, objectCount: String(objects), url, partialDataUrl: null } });
      }),
      api.mutation("TactfulDiscountCreate", async ({ variables }) => {
        record("TactfulDiscountCreate", variables);
        const f = await this.fault("TactfulDiscountCreate");
        if (f instanceof Response) return f;
        if (f) return answer({ discountAutomaticAppCreate: { automaticAppDiscount: null, userErrors: f.errors.map((e) => ({ code: "INVALID", ...e })) } });
        const input = variables.automaticAppDiscount as {
          title?: string;
          functionHandle?: string;
          combinesWith?: unknown;
          discountClasses?: unknown;
          metafields?: { namespace: string; key: string; value: string; type: string }[];
        };
        if (!input.functionHandle) {
          return answer({ discountAutomaticAppCreate: { automaticAppDiscount: null, userErrors: [{ field: ["automaticAppDiscount", "functionHandle"], message: "Function not found.", code: "INVALID" }] } });
        }
        const id = `gid://shopify/DiscountAutomaticNode/${this.nextDiscount++}`;
        this.discounts.set(id, { title: input.title ?? "", functionHandle: input.functionHandle, combinesWith: input.combinesWith, discountClasses: input.discountClasses });
        for (const m of input.metafields ?? []) this.metafields.set(`${id}|${m.namespace}|${m.key}`, m.value);
        await this.changed();
        return answer({ discountAutomaticAppCreate: { automaticAppDiscount: { discountId: id, title: input.title, status: "ACTIVE" }, userErrors: [] } });
      }),
      api.mutation("TactfulMetafieldsSet", async ({ variables }) => {
        record("TactfulMetafieldsSet", variables);
        const f = await this.fault("TactfulMetafieldsSet");
        if (f instanceof Response) return f;
        if (f) return answer({ metafieldsSet: { metafields: null, userErrors: f.errors.map((e) => ({ code: "INVALID_VALUE", elementIndex: 0, ...e })) } });
        const inputs = variables.metafields as { ownerId: string; namespace: string; key: string; value: string; type: string }[];
        const userErrors: unknown[] = [];
        if (inputs.length > 25) userErrors.push({ field: ["metafields"], message: "Exceeded the maximum metafields input limit of 25.", code: "LESS_THAN_OR_EQUAL_TO", elementIndex: null });
        inputs.forEach((m, i) => {
          if (m.ownerId !== this.installationId && m.ownerId !== SHOP_ID && !this.discounts.has(m.ownerId)) userErrors.push({ field: ["metafields", String(i), "ownerId"], message: "Owner does not exist.", code: "INVALID_VALUE", elementIndex: i });
          if (m.type === "json") {
            try {
              JSON.parse(m.value);
            } catch {
              userErrors.push({ field: ["metafields", String(i), "value"], message: "Value is invalid JSON.", code: "INVALID_VALUE", elementIndex: i });
            }
          }
          if (Buffer.byteLength(m.value) > 131_072) userErrors.push({ field: ["metafields", String(i), "value"], message: "Value is too long.", code: "TOO_LONG", elementIndex: i });
        });
        // metafieldsSet is atomic: one bad input and none are written.
        if (userErrors.length) return answer({ metafieldsSet: { metafields: null, userErrors } });
        for (const m of inputs) this.metafields.set(`${m.ownerId}|${m.namespace}|${m.key}`, m.value);
        await this.changed();
        return answer({ metafieldsSet: { metafields: inputs.map((m) => ({ key: m.key, namespace: m.namespace })), userErrors: [] } });
      }),
      http.get(`${BULK_OUTPUT_ORIGIN}/shopify-tiers-assets-prod-us-east1/bulk-operation-outputs/:file`, ({ params }) => {
        const op = this.bulkOperations.get(`gid://shopify/BulkOperation/${String(params.file).replace(/-final\.jsonl$/, "")}`);
        if (!op) return new Response("NoSuchKey", { status: 404 });
        return new Response(op.jsonl, { headers: { "Content-Type": "application/jsonl" } });
      }),
    ];
  }
}

