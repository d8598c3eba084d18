import { CONFIG_VERSION, encodeFunctionConfig, type FunctionConfig, type FunctionOffer } from "../../../app/engine";
import { CurrencyCode, DiscountClass, type CartInput } from "../generated/api";
import { functionInputVariables, functionMetafieldValue } from "./input-variables";

/*
 * Builders for Function inputs shaped exactly as the input query returns
 * them, with the config encoded by the engine's own wire encoder, as the
 * admin sync writes it. Test-only.
 */

export interface LineSpec {
  id?: string;
  variant: string;
  product: string;
  price: string;
  quantity?: number;
  offer?: string;
  abVariant?: string;
  collections?: string[];
  tags?: string[];
}

export function offer(o: Partial<FunctionOffer> & { id: string }): FunctionOffer {
  return {
    type: "CROSS_SELL",
    trigger: { match: "ANY", products: [], variants: [], collections: [], tags: [] },
    offeredVariants: [],
    discount: { kind: "PERCENT", bps: 2000 },
    capBps: 2500,
    ...o,
  };
}

export function config(...offers: FunctionOffer[]): FunctionConfig {
  return { v: CONFIG_VERSION, offers };
}

/** The metafield's jsonValue: wire config plus the query variables. */
export function metafieldValue(cfg: FunctionConfig, shopCurrency = "USD"): unknown {
  return JSON.parse(functionMetafieldValue(encodeFunctionConfig(cfg), cfg, shopCurrency));
}

export function input(
  cfg: FunctionConfig | null,
  lines: LineSpec[],
  opts: { date?: string; rate?: string; currency?: CurrencyCode; jsonValue?: unknown; classes?: DiscountClass[] } = {},
): CartInput {
  const vars = cfg ? functionInputVariables(cfg) : { collections: [], tags: [] };
  const jsonValue = opts.jsonValue !== undefined ? opts.jsonValue : cfg ? metafieldValue(cfg) : undefined;
  return {
    cart: {
      lines: lines.map((l, i) => ({
        id: l.id ?? `gid://shopify/CartLine/${i}`,
        quantity: l.quantity ?? 1,
        offer: l.offer === undefined ? null : { value: l.offer },
        abVariant: l.abVariant === undefined ? null : { value: l.abVariant },
        cost: { amountPerQuantity: { amount: l.price, currencyCode: opts.currency ?? CurrencyCode.Usd } },
        merchandise: {
          __typename: "ProductVariant" as const,
          id: `gid://shopify/ProductVariant/${l.variant}`,
          product: {
            id: `gid://shopify/Product/${l.product}`,
            // What Shopify answers for the variables: one entry per asked collection/tag.
            inCollections: vars.collections.map((c) => ({ collectionId: c, isMember: (l.collections ?? []).some((x) => c.endsWith(`/${x}`)) })),
            hasTags: vars.tags.map((t) => ({ tag: t, hasTag: (l.tags ?? []).includes(t) })),
          },
        },
      })),
    },
    discount: {
      discountClasses: opts.classes ?? [DiscountClass.Product],
      metafield: jsonValue === undefined ? null : { jsonValue },
    },
    presentmentCurrencyRate: opts.rate ?? "1.0",
    shop: { localTime: { date: opts.date ?? "2026-11-22" } },
  };
}
