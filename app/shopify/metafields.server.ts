import { z } from "zod";
import { METAFIELDS_SET_MUTATION } from "../graphql/operations";
import type { TactfulMetafieldsSetMutationVariables } from "../graphql/admin.generated";
import { AdminApiError, request, userErrorText, userErrorsSchema, type AdminGraphql } from "./admin-api.server";

/*
 * Where the compiled configs are written: metafieldsSet upserts, so nothing is
 * deleted first and a failed write leaves the last good config live.
 */

export const METAFIELD_NAMESPACE = "tactful";
export const FUNCTION_NAMESPACE = "$app:tactful";
/** App-owned, on the Shop: what the checkout UI extension declares (`$app:tactful` in its TOML). */
export const CHECKOUT_NAMESPACE = "$app:tactful";
/** metafieldsSet takes at most 25 metafields per call. */
const METAFIELDS_PER_CALL = 25;

const metafieldsSetSchema = z.object({
  metafieldsSet: z.object({ metafields: z.array(z.object({ key: z.string() })).nullable(), userErrors: userErrorsSchema }).nullable(),
});

export type MetafieldsSetInput = TactfulMetafieldsSetMutationVariables["metafields"] extends Array<infer T> | infer _ ? T : never;

/**
 * Calls of at most 25: the content metafields first, then each group whole in
 * the last call if it fits, else in a new one (a group must land atomically).
 */
export function metafieldBatches(content: MetafieldsSetInput[], groups: MetafieldsSetInput[][]): MetafieldsSetInput[][] {
  const batches: MetafieldsSetInput[][] = [];
  for (let i = 0; i < content.length; i += METAFIELDS_PER_CALL) batches.push(content.slice(i, i + METAFIELDS_PER_CALL));
  for (const group of groups) {
    if (batches.length && (batches.at(-1)?.length ?? 0) + group.length <= METAFIELDS_PER_CALL) batches.at(-1)?.push(...group);
    else batches.push([...group]);
  }
  return batches;
}

/** Writes the batches in order, one call each; a refusal stops there and throws. Returns how many were written. */
export async function setMetafields(admin: AdminGraphql, batches: MetafieldsSetInput[][]): Promise<number> {
  let written = 0;
  for (const metafields of batches) {
    const result = await request(admin, METAFIELDS_SET_MUTATION, metafieldsSetSchema, { metafields });
    const payload = result.metafieldsSet;
    if (!payload || payload.userErrors.length) {
      throw new AdminApiError(`Shopify refused the settings: ${payload ? userErrorText(payload.userErrors) : "no answer"}`, false);
    }
    written += metafields.length;
  }
  return written;
}
