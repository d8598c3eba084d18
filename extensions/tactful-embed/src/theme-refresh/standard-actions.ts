/*
 * Themes on Shopify's standard actions (Horizon 4.x and any theme that
 * configures `Shopify.actions.updateCart`; decision record 0070). Such a
 * theme redraws its cart from the `shopify:cart:lines-update` events that
 * updateCart emits for the lines it is given, so our changes go through it:
 * a line with `merchandiseId` is an add (line item properties as
 * `attributes`), a line with `id` (an Ajax line key is accepted) and
 * quantity 0 a removal. A refusal resolves with `userErrors`, not a throw.
 */

interface ActionLine {
  merchandiseId?: string;
  id?: string;
  quantity: number;
  attributes?: { key: string; value: string }[];
}
type UpdateCart = ((payload: { lines: ActionLine[] }) => Promise<{ userErrors?: unknown[] } | null | undefined>) & { isDefault?: () => boolean };

/** The theme's own updateCart, only when the theme configured it: the default may reload the page. */
export function themeUpdateCart(): UpdateCart | undefined {
  const u = (window as { Shopify?: { actions?: { updateCart?: UpdateCart } } }).Shopify?.actions?.updateCart;
  return u?.isDefault?.() === false ? u : undefined;
}

/** Runs one updateCart call; a refusal throws 422, as the Ajax API would answer it. */
export async function updateLines(u: UpdateCart, lines: ActionLine[]): Promise<void> {
  if ((await u({ lines }))?.userErrors?.length) throw 422;
}

export const addLine = (id: string, quantity: number, properties: Record<string, string>): ActionLine => ({
  merchandiseId: "gid://shopify/ProductVariant/" + id,
  quantity,
  attributes: Object.keys(properties).map((key) => ({ key, value: properties[key] as string })),
});
