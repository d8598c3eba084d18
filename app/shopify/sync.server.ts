import { z } from "zod";
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import {
  APP_INSTALLATION_QUERY,
  COLLECTION_PRODUCTS_QUERY,
  DISCOUNT_CREATE_MUTATION,
  DISCOUNT_NODE_QUERY,
  MAIN_THEME_SETTINGS_QUERY,
  METAFIELDS_SET_MUTATION,
  PREVIEW_MEMBERSHIP_QUERY,
  PREVIEW_PRODUCTS_QUERY,
  SHOP_LOCALES_QUERY,
  SHOP_MONEY_QUERY,
  SHOP_TIMEZONE_QUERY,
} from "../graphql/operations";
import type {
  TactfulDiscountCreateMutationVariables,
  TactfulMetafieldsSetMutationVariables,
} from "../graphql/admin.generated";
import { CheckoutTextTooLargeError, checkoutMetafields, type ShopLocales } from "../offers/checkout-metafields";
import {
  CollectionsTooLargeError,
  ConfigTooLargeError,
  STOREFRONT_LIMIT_BYTES,
  compileFunctionConfig,
  compileStorefrontConfig,
  functionMetafield,
  numericId,
  storefrontMetafields,
  triggerCollections,
} from "../offers/offer-compiler";
import { activeOfferRecords } from "../offers/offers.server";
import { getShopSettings, recordSync } from "../offers/settings.server";
import type { ShopMoney } from "./shop-money";

/*
 * THE one module that talks to Shopify's Admin GraphQL API.
 *
 * Sync writes everything with upserts (metafieldsSet, create-if-missing for
 * the discount) and never deletes first, so a failed sync leaves the last
 * good config live on the storefront and in the discount Function. Throttled
 * and 5xx answers are retried with backoff that honours the cost-based
 * rate limit (docs/decisions: sync strategy).
 */

export type AdminGraphql = Pick<AdminApiContext, "graphql">;

/** The app embed's block handle, from extensions/tactful-embed (blocks/tactful-embed.liquid). */
export const EMBED_HANDLE = "tactful-embed";
export const APP_HANDLE = "tactful-upsell";
export const FUNCTION_HANDLE = "tactful-discount";
export const METAFIELD_NAMESPACE = "tactful";
export const FUNCTION_NAMESPACE = "$app:tactful";
/** App-owned, on the Shop: what the checkout UI extension declares (`$app:tactful` in its TOML). */
export const CHECKOUT_NAMESPACE = "$app:tactful";
export const DISCOUNT_TITLE = "Tactful offers";
/** metafieldsSet takes at most 25 metafields per call. */
const METAFIELDS_PER_CALL = 25;

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per call: a request Shopify never answers must not hold the merchant's save forever. */
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
}

/** Mutable so tests can observe waits without sleeping through them. */
export const retryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  timeoutMs: 15_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class AdminApiError extends Error {
  override readonly name = "AdminApiError";
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly waitMs?: number,
  ) {
    super(message);
  }
}

const throttleSchema = z.object({
  requestedQueryCost: z.number().optional(),
  throttleStatus: z.object({ maximumAvailable: z.number(), currentlyAvailable: z.number(), restoreRate: z.number().positive() }),
});

/** How long until the bucket holds what the throttled query asked for. */
export function throttleWaitMs(cost: unknown, fallbackMs: number): number {
  const parsed = throttleSchema.safeParse(cost);
  if (!parsed.success) return fallbackMs;
  const { requestedQueryCost, throttleStatus: t } = parsed.data;
  const needed = Math.min(requestedQueryCost ?? t.maximumAvailable / 10, t.maximumAvailable) - t.currentlyAvailable;
  return Math.max(0, Math.ceil((needed / t.restoreRate) * 1000));
}

const graphqlErrorBody = z.object({
  errors: z.object({ graphQLErrors: z.array(z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).loose().optional() })).optional() }).loose(),
  extensions: z.object({ cost: z.unknown().optional() }).loose().optional(),
});

/** Sorts what the Shopify client throws into "retry" (and how long to wait) or "give up". */
function classify(error: unknown, attempt: number): AdminApiError {
  const backoff = Math.min(retryPolicy.maxDelayMs, retryPolicy.baseDelayMs * 2 ** attempt);
  if (error instanceof Response) {
    // HTTP errors reach us as Responses (shopify-app-remix's handleClientError).
    const retryable = error.status === 429 || error.status >= 500;
    const after = Number(error.headers.get("Retry-After"));
    return new AdminApiError(`Shopify answered HTTP ${error.status}`, retryable, Number.isFinite(after) && after > 0 ? after * 1000 : backoff);
  }
  const body = graphqlErrorBody.safeParse((error as { body?: unknown } | null)?.body);
  if (body.success) {
    const errors = body.data.errors.graphQLErrors ?? [];
    if (errors.some((e) => e.extensions?.code === "THROTTLED")) {
      return new AdminApiError("Shopify throttled the request", true, Math.min(retryPolicy.maxDelayMs, throttleWaitMs(body.data.extensions?.cost, backoff)));
    }
    const internal = errors.some((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR");
    return new AdminApiError(errors.map((e) => e.message).join("; ") || "GraphQL request failed", internal, backoff);
  }
  // Our AbortSignal fired: raw, or wrapped by the GraphQL client as "Http request error, … aborted due to timeout".
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError" || /aborted due to timeout/.test(error.message))) {
    return new AdminApiError(`Shopify did not answer within ${retryPolicy.timeoutMs / 1000} s`, true, backoff);
  }
  const message = error instanceof Error ? error.message : String(error);
  // No response at all (connection reset, DNS): transient as far as we can tell.
  return new AdminApiError(`Could not reach Shopify: ${message}`, true, backoff);
}

/** One GraphQL call with retries; returns `data`, typed by the caller's zod schema. */
async function request<S extends z.ZodType>(
  admin: AdminGraphql,
  query: string,
  schema: S,
  variables?: Record<string, unknown>,
  maxAttempts = retryPolicy.maxAttempts,
): Promise<z.output<S>> {
  let last: AdminApiError | undefined;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    if (last?.waitMs !== undefined) await retryPolicy.sleep(last.waitMs);
    try {
      const signal = AbortSignal.timeout(retryPolicy.timeoutMs);
      const response = await admin.graphql(query, variables ? { variables, signal } : { signal });
      const body: unknown = await response.json();
      const parsed = schema.safeParse((body as { data?: unknown } | null)?.data);
      if (!parsed.success) throw new AdminApiError(`Unexpected answer from Shopify: ${parsed.error.issues[0]?.message ?? "malformed"}`, false);
      return parsed.data;
    } catch (error) {
      last = error instanceof AdminApiError ? error : classify(error, attempt);
      if (!last.retryable) throw last;
    }
  }
  throw new AdminApiError(`${last?.message ?? "Shopify request failed"} (gave up after ${maxAttempts} attempts)`, false);
}

const userErrorsSchema = z.array(z.object({ field: z.array(z.string()).nullable().optional(), message: z.string() }));
const userErrorText = (errors: z.output<typeof userErrorsSchema>) =>
  errors.map((e) => (e.field?.length ? `${e.field.join(".")}: ${e.message}` : e.message)).join("; ");

/* ---------------- sync ---------------- */

export type SyncResult = { ok: true; syncedAt: Date; metafields: number } | { ok: false; error: string };

const installationSchema = z.object({ currentAppInstallation: z.object({ id: z.string() }), shop: z.object({ id: z.string().min(1), currencyCode: z.string().min(3) }) });
const shopLocalesSchema = z.object({ shopLocales: z.array(z.object({ locale: z.string().min(2), primary: z.boolean() })) });

/**
 * The locales buyers can see, for the checkout copy. A shop that has not yet
 * granted read_locales (or any answer that names no primary) falls back to
 * the locales the offers are written in, with the settings' default as
 * primary: checkout then still shows the merchant's words.
 */
async function shopLocales(admin: AdminGraphql, fallback: ShopLocales): Promise<ShopLocales> {
  try {
    const { shopLocales: list } = await request(admin, SHOP_LOCALES_QUERY, shopLocalesSchema);
    const primary = list.find((l) => l.primary)?.locale;
    return primary ? { primary, published: list.map((l) => l.locale) } : fallback;
  } catch (error) {
    if (error instanceof AdminApiError && /access denied|read_locales/i.test(error.message)) return fallback;
    throw error;
  }
}
const discountNodeSchema = z.object({ discountNode: z.object({ id: z.string() }).nullable() });
const discountCreateSchema = z.object({
  discountAutomaticAppCreate: z
    .object({ automaticAppDiscount: z.object({ discountId: z.string() }).nullable(), userErrors: userErrorsSchema })
    .nullable(),
});
const metafieldsSetSchema = z.object({
  metafieldsSet: z.object({ metafields: z.array(z.object({ key: z.string() })).nullable(), userErrors: userErrorsSchema }).nullable(),
});

type MetafieldsSetInput = TactfulMetafieldsSetMutationVariables["metafields"] extends Array<infer T> | infer _ ? T : never;

async function ensureDiscount(admin: AdminGraphql, knownId: string | null, fn: { key: string; value: string }): Promise<{ id: string; created: boolean }> {
  if (knownId) {
    const node = await request(admin, DISCOUNT_NODE_QUERY, discountNodeSchema, { id: knownId });
    if (node.discountNode) return { id: node.discountNode.id, created: false };
    // The merchant deleted it in Discounts; the offers still need it.
  }
  const variables: TactfulDiscountCreateMutationVariables = {
    automaticAppDiscount: {
      title: DISCOUNT_TITLE,
      functionHandle: FUNCTION_HANDLE,
      startsAt: new Date().toISOString(),
      discountClasses: ["PRODUCT"],
      // Shopper-friendly default: order and shipping codes still apply; no stacking on the same item.
      combinesWith: { orderDiscounts: true, productDiscounts: false, shippingDiscounts: true },
      metafields: [{ namespace: FUNCTION_NAMESPACE, key: fn.key, type: "json", value: fn.value }],
    },
  };
  const result = await request(admin, DISCOUNT_CREATE_MUTATION, discountCreateSchema, variables);
  const payload = result.discountAutomaticAppCreate;
  if (!payload || payload.userErrors.length || !payload.automaticAppDiscount) {
    throw new AdminApiError(`Shopify refused to create the discount: ${payload ? userErrorText(payload.userErrors) || "no discount returned" : "no answer"}`, false);
  }
  return { id: payload.automaticAppDiscount.discountId, created: true };
}

/**
 * Compiles the shop's active offers and writes them to Shopify. Records the
 * outcome on ShopSettings (status, error, time) and never throws for a
 * Shopify failure: the merchant's save already succeeded, and the previous
 * config stays live until a sync succeeds.
 */
export async function syncShop(shop: string, admin: AdminGraphql, known: CollectionMembership = {}): Promise<SyncResult> {
  const { settings, sync } = await getShopSettings(shop);
  try {
    const offers = await activeOfferRecords(shop);
    const wanted = triggerCollections(offers);
    const fetched = await fetchCollectionMembership(admin, wanted.filter((c) => !known[c]));
    const storefront = compileStorefrontConfig(offers, settings, { collections: { ...known, ...fetched } });
    const functionConfig = compileFunctionConfig(offers, settings);

    const { currentAppInstallation, shop: shopInfo } = await request(admin, APP_INSTALLATION_QUERY, installationSchema);
    const all = storefrontMetafields(storefront);
    const authored = [...new Set(storefront.offers.flatMap((o) => [...Object.keys(o.content ?? {}), ...o.abVariants.flatMap((v) => Object.keys(v.content ?? {}))]))];
    const locales = await shopLocales(admin, { primary: settings.defaultLocale, published: authored });
    const mainValue = all.find((m) => m.key === "config")?.value ?? "";
    // Measured before anything is written: a layout that does not fit changes nothing in Shopify.
    const checkout = checkoutMetafields(storefront, mainValue, locales);
    const fn = functionMetafield(functionConfig, shopInfo.currencyCode);
    const discount = await ensureDiscount(admin, sync.discountId, fn);
    if (discount.created) await recordSync(shop, { status: "PENDING", discountId: discount.id, error: sync.error });

    const own = (key: string, value: string): MetafieldsSetInput => ({ ownerId: currentAppInstallation.id, namespace: METAFIELD_NAMESPACE, key, type: "json", value });
    // Checkout cannot read the AppInstallation's metafields; its copy lives on the Shop (decision record 0052).
    const onShop = (key: string, value: string): MetafieldsSetInput => ({ ownerId: shopInfo.id, namespace: CHECKOUT_NAMESPACE, key, type: "json", value });
    const content = all.filter((m) => m.key !== "config").map((m) => own(m.key, m.value));
    const main = all.filter((m) => m.key === "config").map((m) => own(m.key, m.value));
    // The checkout text groups travel whole in one (atomic) call: a locale is never in two groups at once.
    const checkoutContent = checkout.filter((m) => m.key !== "config").map((m) => onShop(m.key, m.value));
    const checkoutMain = checkout.filter((m) => m.key === "config").map((m) => onShop(m.key, m.value));
    // Content first and the main config last: a storefront never reads a config whose copy isn't there yet.
    const last: MetafieldsSetInput[] = [...main, ...checkoutMain];
    if (!discount.created) last.push({ ownerId: discount.id, namespace: FUNCTION_NAMESPACE, key: fn.key, type: "json", value: fn.value });
    const batches: MetafieldsSetInput[][] = [];
    for (let i = 0; i < content.length; i += METAFIELDS_PER_CALL) batches.push(content.slice(i, i + METAFIELDS_PER_CALL));
    // Each group of values goes whole into the current call if it fits, else into a new one.
    for (const group of [checkoutContent, last]) {
      if (batches.length && (batches.at(-1)?.length ?? 0) + group.length <= METAFIELDS_PER_CALL) batches.at(-1)?.push(...group);
      else batches.push([...group]);
    }

    let written = 0;
    for (const metafields of batches) {
      const result = await request(admin, METAFIELDS_SET_MUTATION, metafieldsSetSchema, { metafields });
      const payload = result.metafieldsSet;
      if (!payload || payload.userErrors.length) {
        throw new AdminApiError(`Shopify refused the settings: ${payload ? userErrorText(payload.userErrors) : "no answer"}`, false);
      }
      written += metafields.length;
    }
    const syncedAt = new Date();
    await recordSync(shop, { status: "OK", syncedAt, discountId: discount.id });
    return { ok: true, syncedAt, metafields: written };
  } catch (error) {
    const message =
      error instanceof ConfigTooLargeError || error instanceof CheckoutTextTooLargeError || error instanceof AdminApiError ? error.message : `Sync failed: ${error instanceof Error ? error.message : String(error)}`;
    await recordSync(shop, { status: "FAILED", error: message });
    return { ok: false, error: message };
  }
}

/* ---------------- trigger collections ---------------- */

/** Numeric collection id -> numeric ids of its products. */
export type CollectionMembership = Record<string, string[]>;

/**
 * A product id costs at least 14 bytes in the storefront config (13 digits
 * and a comma, as Shopify's ids are now), so more products than this across
 * trigger collections can never fit 128 KB: refused before paging through them.
 */
export const MEMBERSHIP_MAX_PRODUCTS = Math.floor(STOREFRONT_LIMIT_BYTES / 14);

const collectionPageSchema = z.object({
  collection: z
    .object({
      id: z.string(),
      title: z.string(),
      productsCount: z.object({ count: z.number().int().nonnegative() }).nullable().optional(),
      products: z.object({
        nodes: z.array(z.object({ id: z.string() })),
        pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable().optional() }),
      }),
    })
    .nullable(),
});

/**
 * The products of each trigger collection, from the Admin API, for the
 * storefront config (decision record 0054). A collection deleted in Shopify
 * has no members: its offers then never trigger on it, as on checkout. Too
 * many products in total throws CollectionsTooLargeError, which the editor
 * shows as the reason the save is refused.
 */
export async function fetchCollectionMembership(admin: AdminGraphql, collectionIds: string[]): Promise<CollectionMembership> {
  const out: CollectionMembership = {};
  const counted: { id: string; name: string; products: number }[] = [];
  let total = 0;
  for (const id of collectionIds) {
    const gid = `gid://shopify/Collection/${numericId(id)}`;
    const products: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: z.output<typeof collectionPageSchema> = await request(admin, COLLECTION_PRODUCTS_QUERY, collectionPageSchema, { id: gid, after });
      const c = page.collection;
      if (!c) break;
      if (after === null) {
        const count = c.productsCount?.count ?? c.products.nodes.length;
        counted.push({ id: numericId(id), name: c.title, products: count });
        total += count;
        if (total > MEMBERSHIP_MAX_PRODUCTS) {
          // Largest first, just enough of them to come under the cap.
          const named: typeof counted = [];
          let left = total;
          for (const b of [...counted].sort((x, y) => y.products - x.products)) {
            if (left <= MEMBERSHIP_MAX_PRODUCTS) break;
            named.push(b);
            left -= b.products;
          }
          throw new CollectionsTooLargeError(total * 14, STOREFRONT_LIMIT_BYTES, named.map((b) => ({ ...b, offers: [] })), true);
        }
      }
      for (const n of c.products.nodes) products.push(numericId(n.id));
      if (!c.products.pageInfo.hasNextPage || !c.products.pageInfo.endCursor) break;
      after = c.products.pageInfo.endCursor;
    }
    out[numericId(id)] = products;
  }
  return out;
}

/* ---------------- the app embed ---------------- */

export type EmbedStatus = { state: "ENABLED"; themeName: string } | { state: "DISABLED"; themeName: string } | { state: "UNKNOWN"; reason: string };

const themeSettingsSchema = z.object({
  themes: z
    .object({
      nodes: z.array(
        z.object({
          name: z.string(),
          files: z.object({ nodes: z.array(z.object({ filename: z.string(), body: z.object({ content: z.string().optional() }) })) }).nullable(),
        }),
      ),
    })
    .nullable(),
});

const settingsDataSchema = z.object({
  current: z.union([
    z.object({ blocks: z.record(z.string(), z.object({ type: z.string(), disabled: z.boolean().optional() })).optional() }).loose(),
    // A theme that uses a named preset stores its name here instead.
    z.string(),
  ]),
});

/** Shopify prefixes generated theme JSON with a comment block; JSON.parse needs it gone. */
function stripLeadingComment(text: string): string {
  return text.replace(/^\uFEFF?\s*\/\*[\s\S]*?\*\/\s*/, "");
}

/** Is our embed block on and not disabled in this settings_data.json? */
export function embedEnabledIn(settingsData: string): boolean | null {
  let json: unknown;
  try {
    json = JSON.parse(stripLeadingComment(settingsData));
  } catch {
    return null;
  }
  const parsed = settingsDataSchema.safeParse(json);
  if (!parsed.success) return null;
  const current = parsed.data.current;
  if (typeof current === "string") return false;
  const marker = `/apps/${APP_HANDLE}/blocks/${EMBED_HANDLE}/`;
  return Object.values(current.blocks ?? {}).some((b) => b.type.includes(marker) && b.disabled !== true);
}

export async function embedStatus(admin: AdminGraphql): Promise<EmbedStatus> {
  try {
    // One attempt: Home must render promptly, and the answer only informs a checklist.
    const data = await request(admin, MAIN_THEME_SETTINGS_QUERY, themeSettingsSchema, undefined, 1);
    const theme = data.themes?.nodes[0];
    if (!theme) return { state: "UNKNOWN", reason: "The shop has no published theme." };
    const file = theme.files?.nodes.find((f) => f.filename === "config/settings_data.json");
    if (!file?.body.content) return { state: "DISABLED", themeName: theme.name };
    const enabled = embedEnabledIn(file.body.content);
    if (enabled === null) return { state: "UNKNOWN", reason: `Could not read the settings of "${theme.name}".` };
    return { state: enabled ? "ENABLED" : "DISABLED", themeName: theme.name };
  } catch (error) {
    return { state: "UNKNOWN", reason: error instanceof Error ? error.message : "Could not reach Shopify." };
  }
}

/** Where the merchant turns the embed on: the theme editor with our embed preselected. */
export function embedActivationUrl(shop: string, apiKey: string): string {
  return `https://${shop}/admin/themes/current/editor?context=apps&activateAppId=${encodeURIComponent(apiKey)}/${EMBED_HANDLE}`;
}

/* ---------------- the shop's time zone ---------------- */

/** The shop's IANA time zone, the default for a new offer's schedule; UTC when Shopify can't say. */
export async function shopTimezone(admin: AdminGraphql): Promise<string> {
  try {
    // One attempt: it only pre-fills a field the merchant can change.
    const data = await request(admin, SHOP_TIMEZONE_QUERY, z.object({ shop: z.object({ ianaTimezone: z.string().min(1) }) }), undefined, 1);
    new Intl.DateTimeFormat("en-US", { timeZone: data.shop.ianaTimezone });
    return data.shop.ianaTimezone;
  } catch {
    return "UTC";
  }
}

/* ---------------- the shop's currency ---------------- */

/**
 * The shop currency and money format, which every amount the admin reads or
 * shows is in (decision 0053). Asked per request rather than stored: a
 * guessed currency would store ¥500 as 50,000, so without an answer the
 * caller fails instead of defaulting (request() has already retried).
 */
export async function fetchShopMoney(admin: AdminGraphql, maxAttempts = retryPolicy.maxAttempts): Promise<ShopMoney> {
  const data = await request(
    admin,
    SHOP_MONEY_QUERY,
    z.object({ shop: z.object({ currencyCode: z.string().regex(/^[A-Z]{3}$/), currencyFormats: z.object({ moneyFormat: z.string() }) }) }),
    undefined,
    maxAttempts,
  );
  return { currency: data.shop.currencyCode, moneyFormat: data.shop.currencyFormats.moneyFormat || null };
}

/** For display only (analytics, Home): one attempt, and null lets the page fall back to Intl's format. */
export async function shopMoneyForDisplay(admin: AdminGraphql): Promise<ShopMoney | null> {
  return fetchShopMoney(admin, 1).catch(() => null);
}

/* ---------------- products for the preview ---------------- */

const previewProductsSchema = z.object({
  nodes: z.array(
    z
      .object({
        id: z.string(),
        handle: z.string(),
        title: z.string(),
        tags: z.array(z.string()).optional(),
        featuredImage: z.object({ url: z.string(), altText: z.string().nullable().optional() }).nullable().optional(),
        variants: z.object({
          nodes: z.array(
            z.object({ id: z.string(), title: z.string(), price: z.string(), compareAtPrice: z.string().nullable().optional(), availableForSale: z.boolean() }),
          ),
        }),
      })
      .nullable()
      .catch(null),
  ),
});

export type PreviewProduct = NonNullable<z.output<typeof previewProductsSchema>["nodes"][number]>;

/** Products (with variant prices) for the preview's sample cart and offered items. */
export async function fetchPreviewProducts(admin: AdminGraphql, productIds: string[]): Promise<PreviewProduct[]> {
  const ids = [...new Set(productIds)].map((id) => (id.startsWith("gid://") ? id : `gid://shopify/Product/${id}`)).slice(0, 50);
  if (!ids.length) return [];
  const data = await request(admin, PREVIEW_PRODUCTS_QUERY, previewProductsSchema, { ids });
  return data.nodes.filter((n): n is PreviewProduct => n !== null);
}

const previewMembershipSchema = z.object({
  nodes: z.array(z.object({ id: z.string(), inCollection: z.boolean() }).nullable().catch(null)),
});

/**
 * Numeric product id -> the trigger collections (numeric ids) it is in, for
 * the preview's sample cart: one small call per collection, never a whole
 * collection's products.
 */
export async function fetchPreviewMembership(admin: AdminGraphql, productIds: string[], collectionIds: string[]): Promise<Record<string, string[]>> {
  const ids = [...new Set(productIds.map(numericId))].slice(0, 50).map((id) => `gid://shopify/Product/${id}`);
  const out: Record<string, string[]> = {};
  if (!ids.length) return out;
  for (const c of [...new Set(collectionIds.map(numericId))]) {
    const data = await request(admin, PREVIEW_MEMBERSHIP_QUERY, previewMembershipSchema, { ids, collection: `gid://shopify/Collection/${c}` });
    for (const n of data.nodes) if (n?.inCollection) (out[numericId(n.id)] ??= []).push(c);
  }
  return out;
}
