/**
 * "gid://shopify/ProductVariant/123" -> "123"; a bare id passes through.
 * Every surface keys products, variants and collections by this numeric part
 * (types.ts). No regular expression: the discount Function calls it per cart
 * line inside Shopify's instruction budget (decision 0062).
 */
export function numericId(gid: string): string {
  const slash = gid.lastIndexOf("/");
  return slash < 0 ? gid : gid.slice(slash + 1);
}
