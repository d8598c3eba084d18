import { z } from "zod";
import { COLLECTION_PRODUCTS_QUERY } from "../graphql/operations";
import { numericId } from "@tactful/engine/shopify-id";
import { CollectionsTooLargeError, STOREFRONT_LIMIT_BYTES } from "../offers/offer-compiler";
import { request, type AdminGraphql } from "./admin-api.server";

/** Numeric collection id -> numeric ids of its products. */
export type CollectionMembership = Record<string, string[]>;

/**
 * A product id costs at least 14 bytes in the storefront config (13 digits
 * and a comma, as Shopify's ids are now), so more products than this across
 * trigger collections can never fit 128 KB: refused before paging through them.
 */
export const MEMBERSHIP_MAX_PRODUCTS = Math.floor(STOREFRONT_LIMIT_BYTES / 14);

const collectionPageSchema = z.object({
  collection: z
    .object({
      id: z.string(),
      title: z.string(),
      productsCount: z.object({ count: z.number().int().nonnegative() }).nullable().optional(),
      products: z.object({
        nodes: z.array(z.object({ id: z.string() })),
        pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable().optional() }),
      }),
    })
    .nullable(),
});

/**
 * The products of each trigger collection, from the Admin API, for the
 * storefront config (decision record 0054). A collection deleted in Shopify
 * has no members: its offers then never trigger on it, as on checkout. Too
 * many products in total throws CollectionsTooLargeError, which the editor
 * shows as the reason the save is refused.
 */
export async function fetchCollectionMembership(admin: AdminGraphql, collectionIds: string[]): Promise<CollectionMembership> {
  const out: CollectionMembership = {};
  const counted: { id: string; name: string; products: number }[] = [];
  let total = 0;
  for (const id of collectionIds) {
    const gid = `gid://shopify/Collection/${numericId(id)}`;
    const products: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: z.output<typeof collectionPageSchema> = await request(admin, COLLECTION_PRODUCTS_QUERY, collectionPageSchema, { id: gid, after });
      const c = page.collection;
      if (!c) break;
      if (after === null) {
        const count = c.productsCount?.count ?? c.products.nodes.length;
        counted.push({ id: numericId(id), name: c.title, products: count });
        total += count;
        if (total > MEMBERSHIP_MAX_PRODUCTS) {
          // Largest first, just enough of them to come under the cap.
          const named: typeof counted = [];
          let left = total;
          for (const b of [...counted].sort((x, y) => y.products - x.products)) {
            if (left <= MEMBERSHIP_MAX_PRODUCTS) break;
            named.push(b);
            left -= b.products;
          }
          throw new CollectionsTooLargeError(total * 14, STOREFRONT_LIMIT_BYTES, named.map((b) => ({ ...b, offers: [] })), true);
        }
      }
      for (const n of c.products.nodes) products.push(numericId(n.id));
      if (!c.products.pageInfo.hasNextPage || !c.products.pageInfo.endCursor) break;
      after = c.products.pageInfo.endCursor;
    }
    out[numericId(id)] = products;
  }
  return out;
}
