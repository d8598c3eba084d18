import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Liquid } from "liquidjs";

/*
 * Renders the REAL app embed block (extensions/tactful-embed/blocks) with
 * liquidjs: the {% schema %} is stripped and its setting defaults become
 * block.settings; Shopify's filters the block uses (json, t, asset_url) are
 * registered with Shopify's behaviour: `json` escapes < > & so a value cannot
 * close a script element.
 */

export const EXT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../extensions/tactful-embed");
const BLOCK = path.join(EXT_DIR, "blocks/tactful-embed.liquid");

export function shopifyJson(v: unknown): string {
  return (JSON.stringify(v) ?? "null").replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

export interface BlockSource {
  template: string;
  defaults: Record<string, unknown>;
}

export function readBlock(file = BLOCK): BlockSource {
  const src = readFileSync(file, "utf8");
  const m = /{%-?\s*schema\s*-?%}([\s\S]*?){%-?\s*endschema\s*-?%}/.exec(src);
  if (!m?.[1]) throw new Error("the embed block has no {% schema %}");
  const schema = JSON.parse(m[1]) as { settings?: { id?: string; default?: unknown }[] };
  const defaults: Record<string, unknown> = {};
  for (const s of schema.settings ?? []) if (s.id) defaults[s.id] = s.default ?? null;
  return { template: src.replace(m[0], ""), defaults };
}

export function schemaOf(file = BLOCK): Record<string, unknown> {
  const m = /{%-?\s*schema\s*-?%}([\s\S]*?){%-?\s*endschema\s*-?%}/.exec(readFileSync(file, "utf8"));
  return JSON.parse(m?.[1] ?? "{}") as Record<string, unknown>;
}

type Dict = Record<string, unknown>;
const locales = new Map<string, Dict>();
function localeFile(locale: string): Dict | undefined {
  if (!locales.has(locale)) {
    const name = locale === "en" ? "en.default.json" : `${locale}.json`;
    try {
      locales.set(locale, JSON.parse(readFileSync(path.join(EXT_DIR, "locales", name), "utf8")) as Dict);
    } catch {
      return undefined;
    }
  }
  return locales.get(locale);
}
function lookup(d: Dict | undefined, key: string): string | undefined {
  let cur: unknown = d;
  for (const k of key.split(".")) cur = cur && typeof cur === "object" ? (cur as Dict)[k] : undefined;
  return typeof cur === "string" ? cur : undefined;
}

export function embedEngine(assetUrl: (name: string) => string): Liquid {
  const engine = new Liquid({ strictFilters: true, jsTruthy: false });
  engine.registerFilter("json", (v: unknown) => shopifyJson(v));
  engine.registerFilter("asset_url", (name: string) => assetUrl(name));
  engine.registerFilter("t", function (this: { context: { environments: unknown } }, key: string) {
    const env = this.context.environments as { request?: { locale?: { iso_code?: string } } };
    const locale = env.request?.locale?.iso_code ?? "en";
    return lookup(localeFile(locale), key) ?? lookup(localeFile("en"), key) ?? `translation missing: en.${key}`;
  });
  return engine;
}

export interface EmbedScope {
  metafields: Record<string, unknown>;
  locale: string;
  root: string;
  pageType: string;
  currency: string;
  country: string;
  market: string;
  moneyFormat: string;
  /** The shop currency (`shop.currency`), which offer amounts are in; the demo shop sells in euros. */
  shopCurrency?: string;
  customer?: { tags: string[]; orders_count: number } | null;
  allProducts: Record<string, unknown>;
  settings?: Record<string, unknown>;
}

/** Block source is re-read per render so a dev edit shows at once; the cost is negligible here. */
export async function renderEmbed(engine: Liquid, s: EmbedScope, block: BlockSource = readBlock()): Promise<string> {
  const tactful: Dict = {};
  for (const [k, value] of Object.entries(s.metafields)) tactful[k] = { value };
  return engine.parseAndRender(block.template, {
    app: { metafields: { tactful } },
    request: { locale: { iso_code: s.locale }, page_type: s.pageType, design_mode: false },
    routes: { root_url: s.root === "/" ? "/" : s.root.replace(/\/$/, "") },
    cart: { currency: { iso_code: s.currency } },
    localization: { country: { iso_code: s.country }, market: { handle: s.market } },
    shop: { money_format: s.moneyFormat, currency: s.shopCurrency ?? "EUR" },
    customer: s.customer ?? null,
    all_products: s.allProducts,
    block: { settings: { ...block.defaults, ...s.settings } },
  });
}
