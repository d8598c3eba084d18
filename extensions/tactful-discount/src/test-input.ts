import { CONFIG_VERSION, encodeFunctionConfig, type FunctionConfig, type FunctionOffer } from "@tactful/engine";
import { CurrencyCode, DiscountClass, LanguageCode, type CartInput } from "../generated/api";
import { functionInputVariables, functionMetafieldValue } from "@tactful/engine/function-metafield";

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

function slotAnswers(inCollection: (i: number) => boolean, hasTag: (i: number) => boolean) {
  return {
    c0: inCollection(0), c1: inCollection(1), c2: inCollection(2), c3: inCollection(3), c4: inCollection(4),
    t0: hasTag(0), t1: hasTag(1), t2: hasTag(2), t3: hasTag(3), t4: hasTag(4),
  };
}

export function input(
  cfg: FunctionConfig | null,
  lines: LineSpec[],
  opts: { date?: string; rate?: string; currency?: CurrencyCode; language?: LanguageCode; jsonValue?: unknown; classes?: DiscountClass[] } = {},
): CartInput {
  const vars = cfg ? functionInputVariables(cfg).variables : {};
  const asked = (prefix: string, i: number) => vars[`${prefix}${i}`]?.[0];
  const jsonValue = opts.jsonValue !== undefined ? opts.jsonValue : cfg ? metafieldValue(cfg) : undefined;
  return {
    cart: {
      lines: lines.map((l, i) => ({
        id: l.id ?? `gid://shopify/CartLine/${i}`,
        q: l.quantity ?? 1,
        o: l.offer === undefined ? null : { v: l.offer },
        a: l.abVariant === undefined ? null : { v: l.abVariant },
        c: { p: { a: l.price } },
        m: {
          id: `gid://shopify/ProductVariant/${l.variant}`,
          p: {
            id: `gid://shopify/Product/${l.product}`,
            // What Shopify answers for each slot: is the product in that collection / has that tag.
            ...slotAnswers((i) => {
              const c = asked("c", i);
              return c !== undefined && (l.collections ?? []).some((x) => c.endsWith(`/${x}`));
            }, (i) => {
              const t = asked("t", i);
              return t !== undefined && (l.tags ?? []).includes(t);
            }),
          },
        },
      })),
      cost: { subtotalAmount: { currencyCode: opts.currency ?? CurrencyCode.Usd } },
    },
    discount: {
      discountClasses: opts.classes ?? [DiscountClass.Product],
      metafield: jsonValue === undefined ? null : { jsonValue },
    },
    presentmentCurrencyRate: opts.rate ?? "1.0",
    localization: { language: { isoCode: opts.language ?? LanguageCode.En } },
    shop: { localTime: { date: opts.date ?? "2026-11-22" } },
  };
}
