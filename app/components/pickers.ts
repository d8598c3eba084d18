import { z } from "zod";
import type { useAppBridge } from "@shopify/app-bridge-react";
import type { OfferedProduct, ProductRef, Ref } from "./offer-form";

/*
 * App Bridge's ResourcePicker, parsed at the boundary: the selection comes
 * from another frame, so it is checked like any other input. A cancelled
 * picker resolves undefined and changes nothing.
 */

type Shopify = ReturnType<typeof useAppBridge>;

const variantSchema = z.object({ id: z.string(), title: z.string().default(""), price: z.union([z.string(), z.number()]).optional() }).loose();
const productSchema = z
  .object({ id: z.string(), title: z.string().default(""), handle: z.string().default(""), variants: z.array(variantSchema.nullable()).default([]) })
  .loose();
const collectionSchema = z.object({ id: z.string(), title: z.string().default("") }).loose();
const variantPickSchema = z
  .object({ id: z.string(), title: z.string().default(""), displayName: z.string().optional(), product: z.object({ title: z.string().optional() }).loose().optional() })
  .loose();

const parseAll = <S extends z.ZodType>(schema: S, raw: unknown): z.output<S>[] =>
  Array.from((raw ?? []) as ArrayLike<unknown>).flatMap((x) => {
    const r = schema.safeParse(x);
    return r.success ? [r.data] : [];
  });

export interface PickedProduct extends OfferedProduct {
  prices: Record<string, string>;
}

/** Products with the variants the merchant ticked (the first is the popup's default). */
export async function pickProducts(shopify: Shopify, opts: { multiple: boolean | number; selected?: { id: string; variantIds?: string[] }[] }): Promise<PickedProduct[] | undefined> {
  const result = await shopify.resourcePicker({
    type: "product",
    action: "select",
    multiple: opts.multiple,
    filter: { variants: true, draft: false, archived: false },
    selectionIds: (opts.selected ?? []).map((s) => ({ id: s.id, ...(s.variantIds?.length ? { variants: s.variantIds.map((id) => ({ id })) } : {}) })),
  });
  if (!result) return undefined;
  return parseAll(productSchema, result).map((p) => {
    const variants = p.variants.filter((v): v is z.output<typeof variantSchema> => v !== null);
    return {
      productId: p.id,
      handle: p.handle,
      title: p.title,
      variantIds: variants.map((v) => v.id),
      variantTitles: variants.map((v) => v.title),
      prices: Object.fromEntries(variants.map((v) => [v.id, String(v.price ?? "")])),
    };
  });
}

export async function pickTriggerProducts(shopify: Shopify, selected: ProductRef[]): Promise<ProductRef[] | undefined> {
  const result = await shopify.resourcePicker({ type: "product", action: "select", multiple: 50, filter: { variants: false }, selectionIds: selected.map((s) => ({ id: s.id })) });
  return result ? parseAll(productSchema, result).map((p) => ({ id: p.id, title: p.title, handle: p.handle })) : undefined;
}

export async function pickVariants(shopify: Shopify, selected: Ref[]): Promise<Ref[] | undefined> {
  const result = await shopify.resourcePicker({ type: "variant", action: "select", multiple: 50, selectionIds: selected.map((s) => ({ id: s.id })) });
  return result
    ? parseAll(variantPickSchema, result).map((v) => ({ id: v.id, title: v.displayName ?? (v.product?.title ? `${v.product.title} – ${v.title}` : v.title) }))
    : undefined;
}

export async function pickCollections(shopify: Shopify, selected: Ref[]): Promise<Ref[] | undefined> {
  const result = await shopify.resourcePicker({ type: "collection", action: "select", multiple: 20, selectionIds: selected.map((s) => ({ id: s.id })) });
  return result ? parseAll(collectionSchema, result).map((c) => ({ id: c.id, title: c.title })) : undefined;
}
