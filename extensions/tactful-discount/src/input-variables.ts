import type { FunctionConfig } from "../../../app/engine";

/*
 * What the discount node's metafield ($app:tactful / function_config) holds
 * besides the wire config, as top-level keys:
 * - `collections` and `tags`: the input query's $collections and $tags.
 *   Shopify fills query variables from top-level keys of this metafield; a
 *   missing key becomes null and no product is then "in" anything, so
 *   collection and tag triggers fail closed.
 * - `shopCurrency`: the shop's ISO currency code. The input gives the
 *   presentment rate per major unit but not the shop's currency, whose
 *   exponent is needed to convert fixed amounts between minor units.
 * parseFunctionConfig reads only its own keys and ignores these.
 *
 * The admin sync writes: functionMetafieldValue(encodeFunctionConfig(config), config, shopCurrency)
 */
export interface FunctionInputVariables {
  collections: string[];
  tags: string[];
}

export function functionInputVariables(config: FunctionConfig): FunctionInputVariables {
  const collections = new Set<string>();
  const tags = new Set<string>();
  for (const o of config.offers) {
    for (const c of o.trigger.collections) collections.add(c.startsWith("gid://") ? c : `gid://shopify/Collection/${c}`);
    for (const t of o.trigger.tags) tags.add(t);
  }
  return { collections: [...collections], tags: [...tags] };
}

/** The metafield value: the wire config JSON plus the query variables and the shop currency. */
export function functionMetafieldValue(wireJson: string, config: FunctionConfig, shopCurrency: string): string {
  const wire = JSON.parse(wireJson) as Record<string, unknown>;
  return JSON.stringify({ ...wire, ...functionInputVariables(config), shopCurrency });
}
