import { z } from "zod";
import { CONFIG_VERSION, MOMENTS, type FunctionConfig, type StorefrontConfig } from "@tactful/engine/types";
import { popupStyleSchema } from "./settings.schema";

/*
 * zod mirrors of the engine's compiled config types, for server code that
 * reads metafield JSON back (after parseStorefrontConfig / parseFunctionConfig
 * expand the wire form). The assignability checks at the bottom make the
 * build fail if either side drifts.
 */

const ids = z.array(z.string());
const int = z.int();
export const discountValueSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("NONE") }),
  z.object({ kind: z.literal("PERCENT"), bps: int.min(0).max(10000) }),
  z.object({ kind: z.literal("FIXED"), amount: int.min(0) }),
]);
const momentSchema = z.enum(MOMENTS);
const offerTypeSchema = z.enum(["UPSELL", "CROSS_SELL", "BUNDLE"]);
const triggerMatchSchema = z.object({ match: z.enum(["ANY", "ALL"]), products: ids, variants: ids, collections: ids, tags: ids });
const itemSchema = z.object({ productId: z.string(), handle: z.string(), variantIds: ids });
const contentValueSchema = z.object({ headline: z.string(), body: z.string(), accept: z.string(), decline: z.string() });

export const compiledOfferSchema = z.object({
  id: z.string(),
  type: offerTypeSchema,
  priority: int,
  moments: z.array(momentSchema),
  trigger: triggerMatchSchema.extend({ subtotalMin: int.optional(), subtotalMax: int.optional(), itemsMin: int.optional(), itemsMax: int.optional() }),
  segment: z.object({
    customer: z.enum(["ANY", "LOGGED_IN", "GUEST"]),
    tagsInclude: ids,
    tagsExclude: ids,
    history: z.enum(["ANY", "NEW", "RETURNING"]),
    countries: ids,
    markets: ids,
    locales: ids,
  }),
  startsAt: int.optional(),
  endsAt: int.optional(),
  items: z.array(itemSchema).max(3),
  upgrades: z.array(z.object({ fromProductId: z.string(), fromVariantId: z.string().optional(), to: itemSchema })),
  discount: discountValueSchema,
  capBps: int,
  delayMs: int,
  urgency: z.object({ lowStockBelow: int.optional(), showEndDate: z.boolean() }),
  content: z.record(z.string(), contentValueSchema).optional(),
  abVariants: z.array(
    z.object({ id: z.string(), weight: int, content: z.record(z.string(), contentValueSchema).optional(), discount: discountValueSchema.optional(), delayMs: int.optional() }),
  ),
  holdoutBps: int,
});

export const storefrontConfigSchema = z.object({
  v: z.literal(CONFIG_VERSION),
  settings: z.object({ capBps: int, maxPerSession: int, cooldownDays: int, paused: z.boolean(), defaultLocale: z.string(), style: popupStyleSchema }),
  offers: z.array(compiledOfferSchema),
  collections: z.record(z.string(), ids).optional(),
});

export const functionConfigSchema = z.object({
  v: z.literal(CONFIG_VERSION),
  offers: z.array(
    z.object({
      id: z.string(),
      type: offerTypeSchema,
      trigger: triggerMatchSchema.extend({ subtotalMin: int.optional(), subtotalMax: int.optional(), itemsMin: int.optional(), itemsMax: int.optional() }),
      startsAt: int.optional(),
      endsAt: int.optional(),
      startDay: int.optional(),
      endDay: int.optional(),
      offeredVariants: ids,
      bundle: z.array(ids).optional(),
      discount: discountValueSchema,
      variantDiscounts: z.record(z.string(), discountValueSchema).optional(),
      capBps: int,
    }),
  ),
});

// Drift guards, both directions: schema output <-> engine type.
type Out<S extends z.ZodType> = z.output<S>;
export const _storefrontToEngine = (x: Out<typeof storefrontConfigSchema>): StorefrontConfig => x;
export const _storefrontFromEngine = (x: StorefrontConfig): Out<typeof storefrontConfigSchema> => x;
export const _functionToEngine = (x: Out<typeof functionConfigSchema>): FunctionConfig => x;
export const _functionFromEngine = (x: FunctionConfig): Out<typeof functionConfigSchema> => x;
