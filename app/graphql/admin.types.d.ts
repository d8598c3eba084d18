export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  DateTime: { input: string; output: string; }
  Decimal: { input: string; output: string; }
  FormattedString: { input: string; output: string; }
  JSON: { input: unknown; output: unknown; }
  Money: { input: string; output: string; }
  URL: { input: string; output: string; }
  UnsignedInt64: { input: string; output: string; }
};

export type AppInstallation = Node & {
  __typename?: 'AppInstallation';
  id: Scalars['ID']['output'];
};

export type BulkOperation = Node & {
  __typename?: 'BulkOperation';
  completedAt?: Maybe<Scalars['DateTime']['output']>;
  createdAt: Scalars['DateTime']['output'];
  errorCode?: Maybe<BulkOperationErrorCode>;
  fileSize?: Maybe<Scalars['UnsignedInt64']['output']>;
  id: Scalars['ID']['output'];
  objectCount: Scalars['UnsignedInt64']['output'];
  partialDataUrl?: Maybe<Scalars['URL']['output']>;
  query: Scalars['String']['output'];
  rootObjectCount: Scalars['UnsignedInt64']['output'];
  status: BulkOperationStatus;
  url?: Maybe<Scalars['URL']['output']>;
};

export const BulkOperationErrorCode = {
  AccessDenied: 'ACCESS_DENIED',
  InternalServerError: 'INTERNAL_SERVER_ERROR',
  Timeout: 'TIMEOUT'
} as const;

export type BulkOperationErrorCode = typeof BulkOperationErrorCode[keyof typeof BulkOperationErrorCode];
export type BulkOperationRunQueryPayload = {
  __typename?: 'BulkOperationRunQueryPayload';
  bulkOperation?: Maybe<BulkOperation>;
  userErrors: Array<BulkOperationUserError>;
};

export const BulkOperationStatus = {
  Canceled: 'CANCELED',
  Canceling: 'CANCELING',
  Completed: 'COMPLETED',
  Created: 'CREATED',
  Expired: 'EXPIRED',
  Failed: 'FAILED',
  Running: 'RUNNING'
} as const;

export type BulkOperationStatus = typeof BulkOperationStatus[keyof typeof BulkOperationStatus];
export type BulkOperationUserError = {
  __typename?: 'BulkOperationUserError';
  code?: Maybe<BulkOperationUserErrorCode>;
  field?: Maybe<Array<Scalars['String']['output']>>;
  message: Scalars['String']['output'];
};

export const BulkOperationUserErrorCode = {
  Invalid: 'INVALID',
  LimitReached: 'LIMIT_REACHED',
  OperationInProgress: 'OPERATION_IN_PROGRESS'
} as const;

export type BulkOperationUserErrorCode = typeof BulkOperationUserErrorCode[keyof typeof BulkOperationUserErrorCode];
export type Collection = Node & {
  __typename?: 'Collection';
  handle: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  products: ProductConnection;
  productsCount?: Maybe<Count>;
  title: Scalars['String']['output'];
};


export type CollectionProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  reverse?: InputMaybe<Scalars['Boolean']['input']>;
};

export type Count = {
  __typename?: 'Count';
  count: Scalars['Int']['output'];
  precision: CountPrecision;
};

export const CountPrecision = {
  AtLeast: 'AT_LEAST',
  Exact: 'EXACT'
} as const;

export type CountPrecision = typeof CountPrecision[keyof typeof CountPrecision];
/**
 * ISO 4217 currency codes. Trimmed: the real enum lists every code Shopify
 * supports; these are the ones our tests and the demo shop use.
 */
export const CurrencyCode = {
  Aud: 'AUD',
  Cad: 'CAD',
  Chf: 'CHF',
  Eur: 'EUR',
  Gbp: 'GBP',
  Jpy: 'JPY',
  Krw: 'KRW',
  Kwd: 'KWD',
  Sek: 'SEK',
  Usd: 'USD'
} as const;

export type CurrencyCode = typeof CurrencyCode[keyof typeof CurrencyCode];
/**
 * The shop's money formats, e.g. "€{{amount_with_comma_separator}}" (trimmed to
 * the one the admin shows: HTML without currency).
 */
export type CurrencyFormats = {
  __typename?: 'CurrencyFormats';
  moneyFormat: Scalars['FormattedString']['output'];
};

export type Discount = DiscountAutomaticApp;

export type DiscountAutomaticApp = {
  __typename?: 'DiscountAutomaticApp';
  combinesWith: DiscountCombinesWith;
  discountClasses: Array<DiscountClass>;
  discountId: Scalars['ID']['output'];
  status: DiscountStatus;
  title: Scalars['String']['output'];
};

export type DiscountAutomaticAppCreatePayload = {
  __typename?: 'DiscountAutomaticAppCreatePayload';
  automaticAppDiscount?: Maybe<DiscountAutomaticApp>;
  userErrors: Array<DiscountUserError>;
};

export type DiscountAutomaticAppInput = {
  combinesWith?: InputMaybe<DiscountCombinesWithInput>;
  discountClasses?: InputMaybe<Array<DiscountClass>>;
  endsAt?: InputMaybe<Scalars['DateTime']['input']>;
  functionHandle?: InputMaybe<Scalars['String']['input']>;
  functionId?: InputMaybe<Scalars['String']['input']>;
  metafields?: InputMaybe<Array<MetafieldInput>>;
  startsAt?: InputMaybe<Scalars['DateTime']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
};

export const DiscountClass = {
  Order: 'ORDER',
  Product: 'PRODUCT',
  Shipping: 'SHIPPING'
} as const;

export type DiscountClass = typeof DiscountClass[keyof typeof DiscountClass];
export type DiscountCombinesWith = {
  __typename?: 'DiscountCombinesWith';
  orderDiscounts: Scalars['Boolean']['output'];
  productDiscounts: Scalars['Boolean']['output'];
  shippingDiscounts: Scalars['Boolean']['output'];
};

export type DiscountCombinesWithInput = {
  orderDiscounts?: InputMaybe<Scalars['Boolean']['input']>;
  productDiscounts?: InputMaybe<Scalars['Boolean']['input']>;
  shippingDiscounts?: InputMaybe<Scalars['Boolean']['input']>;
};

export const DiscountErrorCode = {
  ActivePeriodOverlapping: 'ACTIVE_PERIOD_OVERLAPPING',
  Blank: 'BLANK',
  Conflict: 'CONFLICT',
  Duplicate: 'DUPLICATE',
  EqualTo: 'EQUAL_TO',
  ExceededMax: 'EXCEEDED_MAX',
  GreaterThan: 'GREATER_THAN',
  GreaterThanOrEqualTo: 'GREATER_THAN_OR_EQUAL_TO',
  ImplicitDuplicate: 'IMPLICIT_DUPLICATE',
  Inclusion: 'INCLUSION',
  InternalError: 'INTERNAL_ERROR',
  Invalid: 'INVALID',
  InvalidCombinesWithForDiscountClass: 'INVALID_COMBINES_WITH_FOR_DISCOUNT_CLASS',
  InvalidDiscountClassForPriceRule: 'INVALID_DISCOUNT_CLASS_FOR_PRICE_RULE',
  LessThan: 'LESS_THAN',
  LessThanOrEqualTo: 'LESS_THAN_OR_EQUAL_TO',
  MaxAppDiscounts: 'MAX_APP_DISCOUNTS',
  MissingArgument: 'MISSING_ARGUMENT',
  Present: 'PRESENT',
  Taken: 'TAKEN',
  TooLong: 'TOO_LONG',
  TooManyArguments: 'TOO_MANY_ARGUMENTS',
  TooShort: 'TOO_SHORT',
  ValueOutsideRange: 'VALUE_OUTSIDE_RANGE'
} as const;

export type DiscountErrorCode = typeof DiscountErrorCode[keyof typeof DiscountErrorCode];
export type DiscountNode = Node & {
  __typename?: 'DiscountNode';
  discount: Discount;
  id: Scalars['ID']['output'];
};

export const DiscountStatus = {
  Active: 'ACTIVE',
  Expired: 'EXPIRED',
  Scheduled: 'SCHEDULED'
} as const;

export type DiscountStatus = typeof DiscountStatus[keyof typeof DiscountStatus];
export type DiscountUserError = {
  __typename?: 'DiscountUserError';
  code?: Maybe<DiscountErrorCode>;
  extraInfo?: Maybe<Scalars['String']['output']>;
  field?: Maybe<Array<Scalars['String']['output']>>;
  message: Scalars['String']['output'];
};

export type Image = {
  __typename?: 'Image';
  altText?: Maybe<Scalars['String']['output']>;
  url: Scalars['URL']['output'];
};


export type ImageUrlArgs = {
  transform?: InputMaybe<ImageTransformInput>;
};

export type ImageTransformInput = {
  maxHeight?: InputMaybe<Scalars['Int']['input']>;
  maxWidth?: InputMaybe<Scalars['Int']['input']>;
};

/** A line of an order (requires read_orders). */
export type LineItem = Node & {
  __typename?: 'LineItem';
  /** The line's total after line-level discounts (order-level discounts excluded), before tax. */
  discountedTotalSet: MoneyBag;
  id: Scalars['ID']['output'];
  quantity: Scalars['Int']['output'];
  /** Null when the variant was deleted, or for a custom item. */
  variant?: Maybe<ProductVariant>;
};

export type Metafield = Node & {
  __typename?: 'Metafield';
  id: Scalars['ID']['output'];
  key: Scalars['String']['output'];
  namespace: Scalars['String']['output'];
  type: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  value: Scalars['String']['output'];
};

export type MetafieldInput = {
  id?: InputMaybe<Scalars['ID']['input']>;
  key?: InputMaybe<Scalars['String']['input']>;
  namespace?: InputMaybe<Scalars['String']['input']>;
  type?: InputMaybe<Scalars['String']['input']>;
  value?: InputMaybe<Scalars['String']['input']>;
};

export type MetafieldsSetInput = {
  compareDigest?: InputMaybe<Scalars['String']['input']>;
  key: Scalars['String']['input'];
  namespace?: InputMaybe<Scalars['String']['input']>;
  ownerId: Scalars['ID']['input'];
  type?: InputMaybe<Scalars['String']['input']>;
  value: Scalars['String']['input'];
};

export type MetafieldsSetPayload = {
  __typename?: 'MetafieldsSetPayload';
  metafields?: Maybe<Array<Metafield>>;
  userErrors: Array<MetafieldsSetUserError>;
};

export type MetafieldsSetUserError = {
  __typename?: 'MetafieldsSetUserError';
  code?: Maybe<MetafieldsSetUserErrorCode>;
  elementIndex?: Maybe<Scalars['Int']['output']>;
  field?: Maybe<Array<Scalars['String']['output']>>;
  message: Scalars['String']['output'];
};

export const MetafieldsSetUserErrorCode = {
  AppNotAuthorized: 'APP_NOT_AUTHORIZED',
  Blank: 'BLANK',
  CapabilityViolation: 'CAPABILITY_VIOLATION',
  Inclusion: 'INCLUSION',
  InternalError: 'INTERNAL_ERROR',
  InvalidCompareDigest: 'INVALID_COMPARE_DIGEST',
  InvalidType: 'INVALID_TYPE',
  InvalidValue: 'INVALID_VALUE',
  LessThanOrEqualTo: 'LESS_THAN_OR_EQUAL_TO',
  Present: 'PRESENT',
  StaleObject: 'STALE_OBJECT',
  Taken: 'TAKEN',
  TooLong: 'TOO_LONG',
  TooShort: 'TOO_SHORT'
} as const;

export type MetafieldsSetUserErrorCode = typeof MetafieldsSetUserErrorCode[keyof typeof MetafieldsSetUserErrorCode];
export type MoneyBag = {
  __typename?: 'MoneyBag';
  presentmentMoney: MoneyV2;
  shopMoney: MoneyV2;
};

export type MoneyV2 = {
  __typename?: 'MoneyV2';
  amount: Scalars['Decimal']['output'];
  currencyCode: CurrencyCode;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Runs a bulk query; the result is a JSONL file at the operation's url once COMPLETED (2026-07: groupObjects defaults to false). */
  bulkOperationRunQuery?: Maybe<BulkOperationRunQueryPayload>;
  discountAutomaticAppCreate?: Maybe<DiscountAutomaticAppCreatePayload>;
  metafieldsSet?: Maybe<MetafieldsSetPayload>;
};


export type MutationBulkOperationRunQueryArgs = {
  groupObjects?: Scalars['Boolean']['input'];
  query: Scalars['String']['input'];
};


export type MutationDiscountAutomaticAppCreateArgs = {
  automaticAppDiscount: DiscountAutomaticAppInput;
};


export type MutationMetafieldsSetArgs = {
  metafields: Array<MetafieldsSetInput>;
};

export type Node = {
  id: Scalars['ID']['output'];
};

export type OnlineStoreTheme = Node & {
  __typename?: 'OnlineStoreTheme';
  files?: Maybe<OnlineStoreThemeFileConnection>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  role: ThemeRole;
};


export type OnlineStoreThemeFilesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filenames?: InputMaybe<Array<Scalars['String']['input']>>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type OnlineStoreThemeConnection = {
  __typename?: 'OnlineStoreThemeConnection';
  nodes: Array<OnlineStoreTheme>;
};

export type OnlineStoreThemeFile = {
  __typename?: 'OnlineStoreThemeFile';
  body: OnlineStoreThemeFileBody;
  checksumMd5?: Maybe<Scalars['String']['output']>;
  filename: Scalars['String']['output'];
  size: Scalars['Int']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type OnlineStoreThemeFileBody = OnlineStoreThemeFileBodyBase64 | OnlineStoreThemeFileBodyText | OnlineStoreThemeFileBodyUrl;

export type OnlineStoreThemeFileBodyBase64 = {
  __typename?: 'OnlineStoreThemeFileBodyBase64';
  contentBase64: Scalars['String']['output'];
};

export type OnlineStoreThemeFileBodyText = {
  __typename?: 'OnlineStoreThemeFileBodyText';
  content: Scalars['String']['output'];
};

export type OnlineStoreThemeFileBodyUrl = {
  __typename?: 'OnlineStoreThemeFileBodyUrl';
  url: Scalars['URL']['output'];
};

export type OnlineStoreThemeFileConnection = {
  __typename?: 'OnlineStoreThemeFileConnection';
  nodes: Array<OnlineStoreThemeFile>;
  userErrors: Array<OnlineStoreThemeFileReadResult>;
};

export type OnlineStoreThemeFileReadResult = {
  __typename?: 'OnlineStoreThemeFileReadResult';
  code: OnlineStoreThemeFileResultType;
  filename: Scalars['String']['output'];
};

export const OnlineStoreThemeFileResultType = {
  BadRequest: 'BAD_REQUEST',
  Error: 'ERROR',
  NotFound: 'NOT_FOUND',
  Success: 'SUCCESS',
  Timeout: 'TIMEOUT',
  UnprocessableEntity: 'UNPROCESSABLE_ENTITY'
} as const;

export type OnlineStoreThemeFileResultType = typeof OnlineStoreThemeFileResultType[keyof typeof OnlineStoreThemeFileResultType];
/** An order (the fields orders/edited attribution reads). */
export type Order = Node & {
  __typename?: 'Order';
  id: Scalars['ID']['output'];
  /** A custom field, by namespace and key; null when the order has none. */
  metafield?: Maybe<Metafield>;
};


/** An order (the fields orders/edited attribution reads). */
export type OrderMetafieldArgs = {
  key: Scalars['String']['input'];
  namespace?: InputMaybe<Scalars['String']['input']>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type Product = Node & {
  __typename?: 'Product';
  featuredImage?: Maybe<Image>;
  handle: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  inCollection: Scalars['Boolean']['output'];
  tags: Array<Scalars['String']['output']>;
  title: Scalars['String']['output'];
  variants: ProductVariantConnection;
};


export type ProductInCollectionArgs = {
  id: Scalars['ID']['input'];
};


export type ProductVariantsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type ProductConnection = {
  __typename?: 'ProductConnection';
  nodes: Array<Product>;
  pageInfo: PageInfo;
};

export type ProductVariant = Node & {
  __typename?: 'ProductVariant';
  availableForSale: Scalars['Boolean']['output'];
  compareAtPrice?: Maybe<Scalars['Money']['output']>;
  id: Scalars['ID']['output'];
  price: Scalars['Money']['output'];
  title: Scalars['String']['output'];
};

export type ProductVariantConnection = {
  __typename?: 'ProductVariantConnection';
  nodes: Array<ProductVariant>;
};

export type Query = {
  __typename?: 'Query';
  collection?: Maybe<Collection>;
  currentAppInstallation: AppInstallation;
  discountNode?: Maybe<DiscountNode>;
  node?: Maybe<Node>;
  nodes: Array<Maybe<Node>>;
  order?: Maybe<Order>;
  shop: Shop;
  /** Requires read_locales. Only published locales when published is true. */
  shopLocales: Array<ShopLocale>;
  themes?: Maybe<OnlineStoreThemeConnection>;
};


export type QueryCollectionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDiscountNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryOrderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryShopLocalesArgs = {
  published?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryThemesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  names?: InputMaybe<Array<Scalars['String']['input']>>;
  roles?: InputMaybe<Array<ThemeRole>>;
};

export type Shop = Node & {
  __typename?: 'Shop';
  currencyCode: CurrencyCode;
  currencyFormats: CurrencyFormats;
  ianaTimezone: Scalars['String']['output'];
  id: Scalars['ID']['output'];
};

/** A locale that's been enabled on a shop (marketWebPresences left out). */
export type ShopLocale = {
  __typename?: 'ShopLocale';
  /** The locale ISO code. */
  locale: Scalars['String']['output'];
  /** The human-readable locale name. */
  name: Scalars['String']['output'];
  /** Whether the locale is the default locale for the shop. */
  primary: Scalars['Boolean']['output'];
  /** Whether the locale is visible to buyers. */
  published: Scalars['Boolean']['output'];
};

export const ThemeRole = {
  Archived: 'ARCHIVED',
  Demo: 'DEMO',
  Development: 'DEVELOPMENT',
  Locked: 'LOCKED',
  Main: 'MAIN',
  Unpublished: 'UNPUBLISHED'
} as const;

export type ThemeRole = typeof ThemeRole[keyof typeof ThemeRole];