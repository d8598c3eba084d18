import { fractionDigits } from "./money";
import type { FunctionConfig } from "./types";

/*
 * What the discount node's metafield ($app:tactful / function_config) holds
 * besides the wire config, as top-level keys:
 * - `c0`..`c4` and `t0`..`t4`: the input query's variables, one trigger
 *   collection (as a one-element list of GIDs) or tag per slot. Shopify fills
 *   query variables from top-level keys of this metafield, and the Function
 *   reads the same keys to know which collection or tag each answer is about.
 *   A per-line list of every collection would grow the input by lines x
 *   collections; one boolean per slot keeps a 200-line cart near the limit.
 *   Collections or tags beyond the slots are never seen as present, so an
 *   offer that needs them fails closed (no discount): the admin refuses
 *   such a config (TriggerSlotsError). An automatic offer's excluded
 *   collections and tags take slots too (decision 0096); one without a slot
 *   makes the Function refuse every line of that offer.
 * - `shopCurrency`: the shop's ISO currency code. The input gives the
 *   presentment rate per major unit but not the shop's currency, whose
 *   exponent is needed to convert fixed amounts between minor units.
 * - `shopDigits`: that currency's minor-unit digits (fractionDigits), so the
 *   Function does not look them up on every run: about 30K of its
 *   instructions for a cart in the shop's currency (decision 0099).
 * parseFunctionConfig reads only its own keys and ignores these.
 *
 * The admin sync writes: functionMetafieldValue(encodeFunctionConfig(config), config, shopCurrency)
 */
export const SLOTS = 5;

export interface FunctionInputVariables {
  /** c0..c4 -> [collection GID] (empty list when unused), t0..t4 -> [tag]: trigger ones first, then exclusions. */
  variables: Record<string, string[]>;
  /** Trigger or excluded collections (numeric ids) and tags that did not get a slot. */
  overflow: { collections: string[]; tags: string[] };
}

const gid = (c: string) => (c.startsWith("gid://") ? c : `gid://shopify/Collection/${c}`);

export function functionInputVariables(config: FunctionConfig): FunctionInputVariables {
  const collections = new Set<string>();
  const tags = new Set<string>();
  for (const o of config.offers) {
    for (const c of o.trigger.collections) collections.add(c);
    for (const t of o.trigger.tags) tags.add(t);
  }
  // Then an automatic offer's excluded collections and tags (decision 0096): after every trigger's, so triggers keep their slots.
  for (const o of config.offers) {
    for (const c of o.auto?.excludeCollections ?? []) collections.add(c);
    for (const t of o.auto?.excludeTags ?? []) tags.add(t);
  }
  const cs = [...collections];
  const ts = [...tags];
  const variables: Record<string, string[]> = {};
  // Every slot is written, unused ones as []: a missing key would reach the query as null.
  for (let i = 0; i < SLOTS; i++) {
    const c = cs[i];
    const t = ts[i];
    variables[`c${i}`] = c === undefined ? [] : [gid(c)];
    variables[`t${i}`] = t === undefined ? [] : [t];
  }
  return { variables, overflow: { collections: cs.slice(SLOTS), tags: ts.slice(SLOTS) } };
}

/** The metafield value: the wire config JSON plus the query variables, the shop currency and its digits. */
export function functionMetafieldValue(wireJson: string, config: FunctionConfig, shopCurrency: string): string {
  const wire = JSON.parse(wireJson) as Record<string, unknown>;
  return JSON.stringify({ ...wire, ...functionInputVariables(config).variables, shopCurrency, shopDigits: fractionDigits(shopCurrency) });
}
