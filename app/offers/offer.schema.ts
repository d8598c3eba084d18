import { z } from "zod";
import { parseMoney } from "@tactful/engine/money";
import { MOMENTS, REC_SOURCES, type Content, type Moment, type OfferType } from "@tactful/engine/types";
import { capBpsSchema, localeSchema } from "./settings.schema";

/*
 * What an offer is, as the merchant edits it. The Prisma row keeps name,
 * status, type, priority, moments and the UTC schedule as columns (for list
 * filters); everything else lives in `definition`, validated here. Product
 * references keep titles and handles so the admin can render them without a
 * round trip; ids may be GraphQL gids, the compiler keeps the numeric part.
 */

export const OFFER_TYPES = ["UPSELL", "CROSS_SELL", "BUNDLE"] as const satisfies readonly OfferType[];
export const OFFER_STATUSES = ["DRAFT", "ACTIVE", "PAUSED", "ARCHIVED"] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

const shopifyId = (what: string) =>
  z
    .string({ error: `Choose a ${what}` })
    .trim()
    .regex(/^(gid:\/\/shopify\/\w+\/)?\d+$/, { error: `That ${what} id is not a Shopify id` });

const minor = (label: string) =>
  z.int({ error: `${label} must be a whole number of the currency's minor units` }).min(0, { error: `${label} cannot be negative` });

export const productRefSchema = z.object({ id: shopifyId("product"), title: z.string().default(""), handle: z.string().default("") });
export const variantRefSchema = z.object({ id: shopifyId("variant"), title: z.string().default("") });
export const collectionRefSchema = z.object({ id: shopifyId("collection"), title: z.string().default("") });

/** A product the popup offers, with the variants the shopper may pick (the first is the default). */
export const offeredProductSchema = z.object({
  productId: shopifyId("product"),
  handle: z.string().trim().regex(/^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u, { error: "The product has no storefront handle" }),
  title: z.string().default(""),
  variantIds: z.array(shopifyId("variant")).min(1, { error: "Pick at least one variant" }).max(100, { error: "Pick at most 100 variants" }),
});

export const discountSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("NONE") }),
    z.object({
      kind: z.literal("PERCENT"),
      bps: z.int({ error: "Discount must be a whole number of basis points" }).min(1, { error: "Percentage discount must be between 0.01% and 100%" }).max(10000, { error: "Percentage discount must be between 0.01% and 100%" }),
    }),
    z.object({ kind: z.literal("FIXED"), amount: minor("Fixed discount").min(1, { error: "Fixed discount must be more than 0" }) }),
  ],
  { error: "Choose no discount, a percentage or a fixed amount" },
);

export const contentSchema = z.object({
  headline: z.string().trim().min(1, { error: "Headline is required" }).max(120, { error: "Headline must be at most 120 characters" }),
  body: z.string().trim().max(500, { error: "Body must be at most 500 characters" }).default(""),
  accept: z.string().trim().min(1, { error: "Accept button label is required" }).max(40, { error: "Accept label must be at most 40 characters" }),
  decline: z.string().trim().min(1, { error: "Decline button label is required" }).max(40, { error: "Decline label must be at most 40 characters" }),
}) satisfies z.ZodType<Content>; // the engine's Content, with the merchant's limits

const contentByLocale = z.record(localeSchema, contentSchema);

export const triggerSchema = z
  .object({
    match: z.enum(["ANY", "ALL"], { error: "Choose whether any or all of the triggers must be in the cart" }).default("ANY"),
    products: z.array(productRefSchema).max(50, { error: "Use at most 50 trigger products" }).default([]),
    variants: z.array(variantRefSchema).max(50, { error: "Use at most 50 trigger variants" }).default([]),
    collections: z.array(collectionRefSchema).max(20, { error: "Use at most 20 trigger collections" }).default([]),
    tags: z.array(z.string().trim().min(1)).max(20, { error: "Use at most 20 trigger tags" }).default([]),
    subtotalMin: minor("Minimum cart value").nullable().default(null),
    subtotalMax: minor("Maximum cart value").nullable().default(null),
    itemsMin: z.int().min(0, { error: "Minimum item count cannot be negative" }).nullable().default(null),
    itemsMax: z.int().min(0, { error: "Maximum item count cannot be negative" }).nullable().default(null),
  })
  .check((ctx) => {
    const t = ctx.value;
    if (t.subtotalMin !== null && t.subtotalMax !== null && t.subtotalMin > t.subtotalMax)
      ctx.issues.push({ code: "custom", input: t, path: ["subtotalMax"], message: "Maximum cart value must be at least the minimum" });
    if (t.itemsMin !== null && t.itemsMax !== null && t.itemsMin > t.itemsMax)
      ctx.issues.push({ code: "custom", input: t, path: ["itemsMax"], message: "Maximum item count must be at least the minimum" });
  });

export const segmentSchema = z.object({
  customer: z.enum(["ANY", "LOGGED_IN", "GUEST"], { error: "Choose any customer, logged-in only or guests only" }).default("ANY"),
  tagsInclude: z.array(z.string().trim().min(1)).default([]),
  tagsExclude: z.array(z.string().trim().min(1)).default([]),
  history: z.enum(["ANY", "NEW", "RETURNING"], { error: "Choose any, new or returning customers" }).default("ANY"),
  countries: z.array(z.string().regex(/^[A-Z]{2}$/, { error: "Countries must be two-letter codes such as DE" })).default([]),
  markets: z.array(z.string().trim().min(1)).default([]),
  locales: z.array(localeSchema).default([]),
});

/**
 * Where a cross-sell's products come from (decision record 0085): a fixed
 * list, or "Recommended for the trigger" from the sources the merchant
 * orders, never offering what is excluded.
 */
export const PRODUCT_MODES = ["FIXED", "RECOMMENDED"] as const;
export const recommendationSchema = z.object({
  sources: z
    .array(z.enum(REC_SOURCES, { error: "Choose sources among the shop's orders, Shopify's complementary products and Shopify's related products" }))
    .max(REC_SOURCES.length)
    .default(["co_purchase", "shopify_complementary"])
    .refine((s) => new Set(s).size === s.length, { error: "Use each source once" }),
  excludeProducts: z.array(productRefSchema).max(50, { error: "Exclude at most 50 products" }).default([]),
  excludeCollections: z.array(collectionRefSchema).max(20, { error: "Exclude at most 20 collections" }).default([]),
  excludeTags: z.array(z.string().trim().min(1)).max(20, { error: "Exclude at most 20 tags" }).default([]),
});

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, { error: "Enter a date and time such as 2026-03-29T09:00" })
  .nullable()
  .default(null);

export const abVariantSchema = z.object({
  id: z.string().regex(/^[a-z0-9]{1,8}$/, { error: "Variant ids are 1 to 8 lowercase letters or digits" }),
  name: z.string().default(""),
  weight: z.int({ error: "Weight must be a whole number" }).min(1, { error: "Weight must be between 1 and 100" }).max(100, { error: "Weight must be between 1 and 100" }),
  content: contentByLocale.optional(),
  discount: discountSchema.optional(),
  delayMs: z.int().min(0, { error: "Delay must be between 0 and 60 seconds" }).max(60000, { error: "Delay must be between 0 and 60 seconds" }).optional(),
});

export const offerDefinitionSchema = z
  .object({
    trigger: triggerSchema.default(() => triggerSchema.parse({})),
    segment: segmentSchema.default(() => segmentSchema.parse({})),
    items: z.array(offeredProductSchema).max(3, { error: "Offer at most 3 products (the rule of three)" }).default([]),
    productsFrom: z.enum(PRODUCT_MODES, { error: "Choose a fixed list of products or products recommended for the trigger" }).default("FIXED"),
    recommendation: recommendationSchema.default(() => recommendationSchema.parse({})),
    upgrades: z
      .array(z.object({ from: z.object({ productId: shopifyId("product"), variantId: shopifyId("variant").nullable().default(null), title: z.string().default("") }), to: offeredProductSchema }))
      .max(3, { error: "Offer at most 3 upgrades (the rule of three)" })
      .default([]),
    discount: discountSchema.default({ kind: "NONE" }),
    /** null = the shop's default cap. */
    capBps: capBpsSchema.nullable().default(null),
    delayMs: z.int({ error: "Delay must be a whole number of milliseconds" }).min(0, { error: "Delay must be between 0 and 60 seconds" }).max(60000, { error: "Delay must be between 0 and 60 seconds" }).default(0),
    urgency: z
      .object({
        lowStockBelow: z.int().min(1, { error: "Low-stock threshold must be between 1 and 100" }).max(100, { error: "Low-stock threshold must be between 1 and 100" }).nullable().default(null),
        showEndDate: z.boolean().default(false),
      })
      .default({ lowStockBelow: null, showEndDate: false }),
    timezone: z.string().refine(isTimeZone, { error: "Choose a valid time zone such as Europe/Berlin" }).default("UTC"),
    startsAtLocal: localDateTime,
    endsAtLocal: localDateTime,
    content: contentByLocale.refine((c) => Object.keys(c).length > 0, { error: "Write the popup text in at least one language" }),
    /** Shoppers whose language has no copy see the shop's default locale's (decision record 0091); off: they see no offer (0074). */
    fallbackToDefaultLocale: z.boolean({ error: "Choose whether to show the default language where no translation exists (true or false)" }).default(false),
    abVariants: z.array(abVariantSchema).max(4, { error: "Use at most 4 A/B variants" }).default([]),
    holdoutBps: z.int().min(0, { error: "Holdout must be between 0% and 50%" }).max(5000, { error: "Holdout must be between 0% and 50%" }).default(0),
  })
  .check((ctx) => {
    const d = ctx.value;
    const issue = (path: PropertyKey[], message: string) => ctx.issues.push({ code: "custom", input: d, path, message });
    if (d.startsAtLocal && d.endsAtLocal && d.endsAtLocal <= d.startsAtLocal) issue(["endsAtLocal"], "The end must be after the start");
    if (d.urgency.showEndDate && !d.endsAtLocal) issue(["urgency", "showEndDate"], "An end date can only be shown when the offer has one");
    const ids = d.abVariants.map((v) => v.id);
    if (new Set(ids).size !== ids.length) issue(["abVariants"], "A/B variant ids must be unique");
    if (d.abVariants.length === 1) issue(["abVariants"], "An A/B test needs at least two variants");
  });

export type OfferDefinition = z.output<typeof offerDefinitionSchema>;
export type OfferDefinitionInput = z.input<typeof offerDefinitionSchema>;

/**
 * Upsells show the upgrade at its own price. The swap removes the line that
 * qualified for the offer, and the discount Function only honours an offer
 * line while its trigger is still in the cart (a forged property must not
 * earn a discount, decision 0004), so a discount shown in the popup would not
 * be given at checkout.
 */
export const UPSELL_DISCOUNT_MESSAGE = "Upgrades are shown at their own price: the swap removes the item that qualified, so Shopify could not honour a discount at checkout. Use a cross-sell to offer a discount.";

/** The admin form: row columns plus the definition; type-specific rules live here. */
export const offerInputSchema = z
  .object({
    name: z.string().trim().min(1, { error: "Name is required" }).max(100, { error: "Name must be at most 100 characters" }),
    status: z.enum(OFFER_STATUSES, { error: "Choose a status" }).default("DRAFT"),
    type: z.enum(OFFER_TYPES, { error: "Choose upsell, cross-sell or bundle" }),
    priority: z.int({ error: "Priority must be a whole number" }).min(-1000, { error: "Priority must be between -1000 and 1000" }).max(1000, { error: "Priority must be between -1000 and 1000" }).default(0),
    moments: z.array(z.enum(MOMENTS, { error: "Unknown moment" })).min(1, { error: "Choose at least one moment" }),
    definition: offerDefinitionSchema,
    /** Optimistic locking: the version the merchant edited (absent when creating). */
    version: z.int().min(1).optional(),
  })
  .check((ctx) => {
    const o = ctx.value;
    const issue = (path: PropertyKey[], message: string) => ctx.issues.push({ code: "custom", input: o, path, message });
    if (o.type === "UPSELL") {
      if (o.definition.productsFrom === "RECOMMENDED") issue(["definition", "productsFrom"], "Only a cross-sell can take its products from recommendations; an upsell names its upgrades");
      if (!o.definition.upgrades.length) issue(["definition", "upgrades"], "An upsell needs at least one upgrade");
      if (o.definition.items.length) issue(["definition", "items"], "An upsell swaps products; add them as upgrades");
      if (o.definition.discount.kind !== "NONE") issue(["definition", "discount"], UPSELL_DISCOUNT_MESSAGE);
      o.definition.abVariants.forEach((v, i) => {
        if (v.discount && v.discount.kind !== "NONE") issue(["definition", "abVariants", i, "discount"], UPSELL_DISCOUNT_MESSAGE);
      });
    } else if (o.definition.productsFrom === "RECOMMENDED") {
      if (o.type !== "CROSS_SELL") issue(["definition", "productsFrom"], "Only a cross-sell can take its products from recommendations; a bundle names its products");
      if (!o.definition.recommendation.sources.length) issue(["definition", "recommendation", "sources"], "Choose at least one source of recommendations");
      if (o.definition.items.length) issue(["definition", "items"], "Recommended products are chosen for each cart: remove the fixed products, or choose a fixed list");
      if (o.definition.upgrades.length) issue(["definition", "upgrades"], "Only upsells have upgrades");
    } else {
      if (!o.definition.items.length) issue(["definition", "items"], "Offer at least one product");
      if (o.definition.upgrades.length) issue(["definition", "upgrades"], "Only upsells have upgrades");
      if (o.type === "BUNDLE" && o.definition.discount.kind === "NONE") issue(["definition", "discount"], "A bundle needs a discount");
    }
  });

export type OfferInput = z.output<typeof offerInputSchema>;

/**
 * The editor's money fields as the merchant typed them ("500", "1.250"),
 * read in the shop currency's own digits; integers (minor units, as API
 * callers and stored definitions send them) pass through. Too many decimals
 * answer on the field: "JPY has no decimals".
 */
function moneyFieldsSchema(currency: string) {
  const money = z.union([z.int(), z.string()]).transform((v, ctx) => {
    if (typeof v === "number") return v;
    const parsed = parseMoney(v, currency);
    if (parsed.ok) return parsed.minor;
    ctx.issues.push({ code: "custom", input: v, message: parsed.error });
    return z.NEVER;
  });
  const discount = z.looseObject({ amount: money.optional() });
  return z.looseObject({
    definition: z
      .looseObject({
        trigger: z.looseObject({ subtotalMin: money.nullable().optional(), subtotalMax: money.nullable().optional() }).optional(),
        discount: discount.optional(),
        abVariants: z.array(z.looseObject({ discount: discount.nullable().optional() })).optional(),
      })
      .optional(),
  });
}

/** offerInputSchema for what the editor posts, with money in `currency` (the shop's). */
export function parseOfferInput(input: unknown, currency: string): z.ZodSafeParseResult<OfferInput> {
  const money = moneyFieldsSchema(currency).safeParse(input);
  if (!money.success) return { success: false, error: money.error as unknown as z.ZodError<OfferInput> };
  return offerInputSchema.safeParse(money.data);
}

/** An Offer row with its definition parsed; what the compilers take. */
export interface OfferRecord {
  id: string;
  shop?: string;
  name: string;
  status: OfferStatus;
  type: OfferType;
  priority: number;
  /** Comma-separated, as stored ("ADD_TO_CART,CART"), or already split. */
  moments: string | Moment[];
  startsAt?: Date | null;
  endsAt?: Date | null;
  definition: OfferDefinition;
  version?: number;
}

export function parseMoments(m: string | readonly string[]): Moment[] {
  const list = typeof m === "string" ? m.split(",") : m;
  return MOMENTS.filter((x) => list.some((y) => y.trim() === x));
}

/** Parses a Prisma Offer row at the boundary; throws a ZodError naming the field. */
export function offerRecordFromRow(row: {
  id: string;
  shop?: string;
  name: string;
  status: string;
  type: string;
  priority: number;
  moments: string;
  startsAt?: Date | null;
  endsAt?: Date | null;
  definition: unknown;
  version?: number;
}): OfferRecord {
  return {
    ...row,
    status: z.enum(OFFER_STATUSES).parse(row.status),
    type: z.enum(OFFER_TYPES).parse(row.type),
    definition: offerDefinitionSchema.parse(row.definition),
  };
}
