import { z } from "zod";
import { PREVIEW_MEMBERSHIP_QUERY, PREVIEW_PRODUCTS_QUERY } from "../graphql/operations";
import { numericId } from "@tactful/engine/shopify-id";
import { request, type AdminGraphql } from "./admin-api.server";

const previewProductsSchema = z.object({
  nodes: z.array(
    z
      .object({
        id: z.string(),
        handle: z.string(),
        title: z.string(),
        tags: z.array(z.string()).optional(),
        featuredImage: z.object({ url: z.string(), altText: z.string().nullable().optional() }).nullable().optional(),
        variants: z.object({
          nodes: z.array(
            z.object({ id: z.string(), title: z.string(), price: z.string(), compareAtPrice: z.string().nullable().optional(), availableForSale: z.boolean() }),
          ),
        }),
      })
      .nullable()
      .catch(null),
  ),
});

export type PreviewProduct = NonNullable<z.output<typeof previewProductsSchema>["nodes"][number]>;

/** Products (with variant prices) for the preview's sample cart and offered items; pages that only display ask once (maxAttempts 1). */
export async function fetchPreviewProducts(admin: AdminGraphql, productIds: string[], maxAttempts?: number): Promise<PreviewProduct[]> {
  const ids = [...new Set(productIds)].map((id) => (id.startsWith("gid://") ? id : `gid://shopify/Product/${id}`)).slice(0, 50);
  if (!ids.length) return [];
  const data = await request(admin, PREVIEW_PRODUCTS_QUERY, previewProductsSchema, { ids }, maxAttempts);
  return data.nodes.filter((n): n is PreviewProduct => n !== null);
}

const previewMembershipSchema = z.object({
  nodes: z.array(z.object({ id: z.string(), inCollection: z.boolean() }).nullable().catch(null)),
});

/**
 * Numeric product id -> the trigger collections (numeric ids) it is in, for
 * the preview's sample cart: one small call per collection, never a whole
 * collection's products.
 */
export async function fetchPreviewMembership(admin: AdminGraphql, productIds: string[], collectionIds: string[]): Promise<Record<string, string[]>> {
  const ids = [...new Set(productIds.map(numericId))].slice(0, 50).map((id) => `gid://shopify/Product/${id}`);
  const out: Record<string, string[]> = {};
  if (!ids.length) return out;
  for (const c of [...new Set(collectionIds.map(numericId))]) {
    const data = await request(admin, PREVIEW_MEMBERSHIP_QUERY, previewMembershipSchema, { ids, collection: `gid://shopify/Collection/${c}` });
    for (const n of data.nodes) if (n?.inCollection) (out[numericId(n.id)] ??= []).push(c);
  }
  return out;
}
