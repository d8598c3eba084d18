import { z } from "zod";
import { DISCOUNT_CREATE_MUTATION, DISCOUNT_NODE_QUERY } from "../graphql/operations";
import type { TactfulDiscountCreateMutationVariables } from "../graphql/admin.generated";
import { AdminApiError, request, userErrorText, userErrorsSchema, type AdminGraphql } from "./admin-api.server";
import { FUNCTION_NAMESPACE } from "./metafields.server";

/* The one automatic app discount that runs the Tactful Function: found, or created when missing. */

export const FUNCTION_HANDLE = "tactful-discount";
export const DISCOUNT_TITLE = "Tactful offers";

const discountNodeSchema = z.object({ discountNode: z.object({ id: z.string() }).nullable() });
const discountCreateSchema = z.object({
  discountAutomaticAppCreate: z
    .object({ automaticAppDiscount: z.object({ discountId: z.string() }).nullable(), userErrors: userErrorsSchema })
    .nullable(),
});

export async function ensureDiscount(admin: AdminGraphql, knownId: string | null, fn: { key: string; value: string }): Promise<{ id: string; created: boolean }> {
  if (knownId) {
    const node = await request(admin, DISCOUNT_NODE_QUERY, discountNodeSchema, { id: knownId });
    if (node.discountNode) return { id: node.discountNode.id, created: false };
    // The merchant deleted it in Discounts; the offers still need it.
  }
  const variables: TactfulDiscountCreateMutationVariables = {
    automaticAppDiscount: {
      title: DISCOUNT_TITLE,
      functionHandle: FUNCTION_HANDLE,
      startsAt: new Date().toISOString(),
      discountClasses: ["PRODUCT"],
      // Shopper-friendly default: order and shipping codes still apply; no stacking on the same item.
      combinesWith: { orderDiscounts: true, productDiscounts: false, shippingDiscounts: true },
      metafields: [{ namespace: FUNCTION_NAMESPACE, key: fn.key, type: "json", value: fn.value }],
    },
  };
  const result = await request(admin, DISCOUNT_CREATE_MUTATION, discountCreateSchema, variables);
  const payload = result.discountAutomaticAppCreate;
  if (!payload || payload.userErrors.length || !payload.automaticAppDiscount) {
    throw new AdminApiError(`Shopify refused to create the discount: ${payload ? userErrorText(payload.userErrors) || "no discount returned" : "no answer"}`, false);
  }
  return { id: payload.automaticAppDiscount.discountId, created: true };
}
