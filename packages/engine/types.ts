/**
 * The engine's contract: the compiled configs it reads and the facts each
 * surface hands it. Every surface (storefront popup, discount Function,
 * checkout extension, admin preview) speaks these types, so they change
 * only together with a config version bump.
 *
 * Conventions, kept everywhere:
 * - Money is an integer count of minor units (cents) of a named currency.
 * - Percentages are integer basis points: 2500 = 25%.
 * - Times are epoch milliseconds (UTC); `now` is always passed in.
 * - Shopify ids are the numeric part only ("123", not "gid://shopify/Product/123").
 */

export const CONFIG_VERSION = 1 as const;

export type OfferType = "UPSELL" | "CROSS_SELL" | "BUNDLE";
/** Every moment an offer can be shown at, in the order a purchase reaches them. */
// Appended, never reordered: the wire encodes moments as bits by their index here.
export const MOMENTS = ["ADD_TO_CART", "CART", "PRE_CHECKOUT", "CHECKOUT", "THANK_YOU", "POST_PURCHASE"] as const;
export type Moment = (typeof MOMENTS)[number];
export type Bps = number;
export type Minor = number;
export type EpochMs = number;

export type Discount =
  | { kind: "NONE" }
  | { kind: "PERCENT"; bps: Bps }
  /** In shop currency minor units, per unit of the offered item. */
  | { kind: "FIXED"; amount: Minor };

export interface Trigger {
  /** ANY: one matching line is enough. ALL: every listed product/variant/collection/tag must be matched by some line. */
  match: "ANY" | "ALL";
  products: string[];
  variants: string[];
  collections: string[];
  tags: string[];
  /** Cart subtotal bounds in shop currency minor units (converted with the cart's rate). */
  subtotalMin?: Minor;
  subtotalMax?: Minor;
  itemsMin?: number;
  itemsMax?: number;
}

export interface Segment {
  customer: "ANY" | "LOGGED_IN" | "GUEST";
  tagsInclude: string[];
  tagsExclude: string[];
  history: "ANY" | "NEW" | "RETURNING";
  /** ISO 3166 alpha-2; empty = everywhere. */
  countries: string[];
  /** Market handles; empty = every market. */
  markets: string[];
  /** Language codes ("en", "ar", "pt-BR"); empty = every locale. */
  locales: string[];
}

export interface OfferedItem {
  productId: string;
  /** Storefront handle, for `{routes.root}products/{handle}.js`. */
  handle: string;
  /** Variants the shopper may pick from; the first is the default. */
  variantIds: string[];
}

/** UPSELL only: which trigger is swapped for which upgrade. */
/**
 * Where an automatic cross-sell's products come from (decision record 0085):
 * the shop's own orders (mined by the app, synced per trigger), and
 * Shopify's storefront recommendations (Search & Discovery's complementary
 * pairs, Shopify's related products), fetched by the storefront at decision time.
 */
export const REC_SOURCES = ["co_purchase", "shopify_complementary", "shopify_related"] as const;
export type RecSource = (typeof REC_SOURCES)[number];

/** CROSS_SELL only: the products are chosen for the trigger when the offer is decided, not listed by hand. */
export interface AutoProducts {
  /** In the merchant's order: an earlier source fills the three places first. */
  sources: RecSource[];
  /** Never offered: these products, the products of these collections (membership in StorefrontConfig.collections), and products with these tags. */
  excludeProducts: string[];
  excludeCollections: string[];
  excludeTags: string[];
  /** co_purchase: per trigger product id, the products bought with it, best first (synced by the app). */
  coPurchase: Record<string, OfferedItem[]>;
}

/** A product a surface found for an automatic offer (Shopify's recommendations), for one trigger product. */
export interface Candidate {
  source: RecSource;
  /** The cart's product it was recommended for. */
  forProductId: string;
  item: OfferedItem;
  /** Lower-cased or not: compared case-insensitively with the exclusions. */
  tags?: string[];
}

export interface UpgradeMapping {
  /** Matches a cart line by variant id, or by product id when fromVariantId is absent. */
  fromProductId: string;
  fromVariantId?: string;
  to: OfferedItem;
}

export interface Content {
  headline: string;
  body: string;
  accept: string;
  decline: string;
}

export interface AbVariant {
  /** Short stable id, e.g. "a", "b". The first variant is the control. */
  id: string;
  /** Relative weight among variants (integer). */
  weight: number;
  content?: Record<string, Content>;
  discount?: Discount;
  delayMs?: number;
}

export interface CompiledOffer {
  id: string;
  type: OfferType;
  /** Higher wins. Ties break on id for determinism. */
  priority: number;
  moments: Moment[];
  trigger: Trigger;
  segment: Segment;
  /** Inclusive start, exclusive end, epoch ms UTC (the compiler resolves the merchant's time zone). */
  startsAt?: EpochMs;
  endsAt?: EpochMs;
  /** CROSS_SELL / BUNDLE: 1..3 items. UPSELL: empty, see upgrades. An automatic cross-sell: empty, see auto. */
  items: OfferedItem[];
  /** An automatic cross-sell: its products are chosen per trigger (decision record 0085). */
  auto?: AutoProducts;
  upgrades: UpgradeMapping[];
  discount: Discount;
  /** Max increase of the cart subtotal (swap: of the trigger line) in bps. */
  capBps: Bps;
  delayMs: number;
  urgency: { lowStockBelow?: number; showEndDate: boolean };
  /** Content per locale. May be absent when split per locale. */
  content?: Record<string, Content>;
  /**
   * The merchant allows the copy in `settings.defaultLocale` for shoppers whose language
   * has none (decision record 0091). Absent or false: no copy in the shopper's language, no offer (0074).
   */
  fallbackToDefaultLocale?: boolean;
  /** Empty = no experiment. */
  abVariants: AbVariant[];
  /** Share of visitors held out (see nothing, still counted). */
  holdoutBps: Bps;
}

export interface PopupStyle {
  accent: string;
  radius: number;
  position: "center" | "bottom";
  scheme: "light" | "dark";
}

export interface ShopSettings {
  capBps: Bps;
  maxPerSession: number;
  cooldownDays: number;
  paused: boolean;
  defaultLocale: string;
  style: PopupStyle;
}

export interface StorefrontConfig {
  v: typeof CONFIG_VERSION;
  settings: ShopSettings;
  offers: CompiledOffer[];
  /** Collection id -> product ids, for collection triggers on surfaces that cannot see collections. */
  collections?: Record<string, string[]>;
}

/** The subset the discount Function needs; must stay under ~10,000 bytes. */
export interface FunctionOffer {
  id: string;
  type: OfferType;
  /** The whole trigger, bounds included: the Function enforces every rule it can see (decision record 0056). */
  trigger: Trigger;
  /**
   * Legacy (configs compiled before decision record 0055): epoch ms, honoured
   * only if in schedule at every instant the shop's date can mean.
   */
  startsAt?: EpochMs;
  endsAt?: EpochMs;
  /**
   * The schedule as the shop's calendar days (days since 1970-01-01 of the
   * shop's local date): in schedule on days startDay <= day < endDay. The
   * storefront's startsAt/endsAt are the shop's midnights of the same days
   * (decision record 0055).
   */
  startDay?: number;
  endDay?: number;
  /** Variant ids that may carry this offer's discount (empty for an automatic offer: see auto). */
  offeredVariants: string[];
  /**
   * An automatic cross-sell (decision record 0086): a line may carry its
   * discount when its product is not excluded and not on any of the
   * shopper's own lines, for at most three products; the cap binds as for any offer.
   * Excluded collections and tags (decision record 0096) are judged by the
   * Function's slot answers on each line; absent when none.
   */
  auto?: { excludeProducts: string[]; excludeCollections?: string[]; excludeTags?: string[] };
  /**
   * BUNDLE: each bundle item's variant ids. The discount holds only while
   * every item is in the cart on a line of this offer (decision record 0056).
   */
  bundle?: string[][];
  /**
   * UPSELL: the swapped trigger line is gone by design, so an upsell's discount
   * holds only while another line still meets the trigger (decision record 0004).
   */
  discount: Discount;
  /** A/B variants may override the discount; keyed by AbVariant id. */
  variantDiscounts?: Record<string, Discount>;
  capBps: Bps;
}

export interface FunctionConfig {
  v: typeof CONFIG_VERSION;
  offers: FunctionOffer[];
}

/* ---------------- facts handed in by a surface ---------------- */

export interface CartLine {
  key: string;
  productId: string;
  variantId: string;
  quantity: number;
  /** Unit price before our discount, presentment currency minor units. */
  unitPrice: Minor;
  /** Collection ids the product is in, where the surface knows them. */
  collectionIds?: string[];
  /** Product tags, where the surface knows them. */
  tags?: string[];
  /** Value of the `_tactful_offer` line property/attribute, if any. */
  offerId?: string;
  /** Value of `_tactful_variant` (A/B variant id), if any. */
  abVariantId?: string;
}

/** What a surface knows about an offered variant, in presentment currency. */
export interface VariantPriceAndStock {
  unitPrice: Minor;
  available: boolean;
  /** Real stock where the shop exposes it; drives honest "only N left". */
  inventory?: number;
}

export interface Cart {
  /** Presentment currency. */
  currency: string;
  /**
   * Presentment minor units per shop minor unit, in parts per million
   * (1.0 = 1_000_000). Build it with minorRateMicros() from Shopify's per-major-unit
   * rate, so currencies with different exponents (USD -> JPY) convert exactly.
   */
  rateMicros: number;
  lines: CartLine[];
  /**
   * Prices of offered variants, keyed by variant id. The cap cannot be judged
   * without them, so a candidate whose prices are missing is not shown
   * (PRICE_UNKNOWN); the storefront fetches them and decides again.
   */
  variants?: Record<string, VariantPriceAndStock>;
  /**
   * Products the surface found for automatic offers (Shopify's
   * recommendations, with their prices in `variants`). Co-purchase
   * candidates come from the config itself.
   */
  candidates?: Candidate[];
}

export interface ShopperContext {
  moment: Moment;
  loggedIn: boolean;
  customerTags: string[];
  /** Undefined when unknown (guest): "NEW" / "RETURNING" segments then do not match. */
  returning?: boolean;
  country?: string;
  market?: string;
  locale: string;
  /** Random, first-party visitor id used only for A/B bucketing. */
  visitorId: string;
}

/** What the browser (or checkout) remembers; the engine never mutates it. */
export interface FrequencyMemory {
  /** Popups shown in this session. */
  shownThisSession: number;
  /** offerId -> epoch ms of the last dismissal. */
  dismissedAt: Record<string, EpochMs>;
  /** Offers ever accepted by this visitor. */
  accepted: string[];
  /** Offers already shown in this session (never re-shown on every page). */
  shownOfferIds: string[];
}

export type ReasonCode =
  | "PAUSED"
  | "WRONG_MOMENT"
  | "NOT_IN_SCHEDULE"
  | "TRIGGER_NOT_IN_CART"
  | "SUBTOTAL_OUT_OF_RANGE"
  | "ITEM_COUNT_OUT_OF_RANGE"
  | "SEGMENT_MISMATCH"
  | "ALREADY_IN_CART"
  | "ALREADY_ACCEPTED"
  | "FREQUENCY_SESSION_LIMIT"
  | "FREQUENCY_DISMISSED"
  | "FREQUENCY_ALREADY_SHOWN"
  | "OVER_PRICE_CAP"
  | "PRICE_UNKNOWN"
  | "UNAVAILABLE"
  | "HOLDOUT"
  | "LOWER_PRIORITY"
  | "INVALID_OFFER"
  /** An automatic offer found no product to recommend for this cart. */
  | "NO_RECOMMENDATION"
  /** A discounted offer on a cart longer than the discount Function can price within Shopify's limit (decision 0095). */
  | "CART_TOO_LARGE"
  /** No copy in the shopper's language (nor its base language): never another language's text (decision record 0074). */
  | "NO_COPY";

export interface PresentedItem {
  productId: string;
  handle: string;
  variantIds: string[];
  /** For UPSELL: the cart line being swapped. */
  replacesLineKey?: string;
  /** Default variant's unit price before our discount, presentment minor units (from cart.variants). */
  unitPrice?: Minor;
  /** The same after the offer's (or A/B variant's) discount; what the cap was measured with. */
  discountedPrice?: Minor;
  /** An automatic offer: the source that chose it, and the cart's product it was recommended for. */
  source?: RecSource;
  forProductId?: string;
}

export interface Decision {
  show: true;
  offerId: string;
  type: OfferType;
  /** A/B variant id; undefined when the offer has no experiment. */
  abVariantId?: string;
  /**
   * "control" | variant id | "treated" (an offer with a holdout but no variants) |
   * undefined when not in an experiment. Carried into events and the order.
   */
  bucket?: string;
  items: PresentedItem[];
  discount: Discount;
  delayMs: number;
  content: Content;
  /**
   * Set only when `content` is not in the shopper's language: the shop's default locale,
   * which the offer allows as a fallback (0091). Surfaces mark the copy with its own `lang`/`dir`.
   */
  contentLocale?: string;
  /** How much more the cart may grow under the cap, presentment minor units. */
  headroom: Minor;
  endsAt?: EpochMs;
  lowStockBelow?: number;
}

export interface NoDecision {
  show: false;
  /** Every candidate offer with the reasons it was not shown. */
  reasons: Array<{ offerId: string; codes: ReasonCode[]; detail?: { increaseBps?: Bps; capBps?: Bps } }>;
  /** Set when a visitor was held out of an offer that would otherwise show. */
  holdout?: { offerId: string; bucket: "holdout" };
}

export type DecideResult = Decision | NoDecision;

export type LineVerdict =
  | { entitled: true; offerId: string; discount: Discount }
  | { entitled: false; code: EntitlementCode };

export type EntitlementCode =
  | "NO_OFFER_PROPERTY"
  | "UNKNOWN_OFFER"
  | "NOT_IN_SCHEDULE"
  | "NOT_AN_OFFERED_VARIANT"
  | "TRIGGER_GONE"
  | "SUBTOTAL_OUT_OF_RANGE"
  | "ITEM_COUNT_OUT_OF_RANGE"
  | "BUNDLE_INCOMPLETE"
  | "OVER_PRICE_CAP"
  | "NO_DISCOUNT";

/**
 * When the Function is asked: the shop's calendar day (days since 1970-01-01)
 * and the earliest and latest instant that local date can mean.
 */
export interface ShopDate {
  day: number;
  earliest: EpochMs;
  latest: EpochMs;
}
