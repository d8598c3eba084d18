import type { OrderFixture } from "../admin-api/fake-admin-api";
import { webhookHeaders } from "./order-webhook";
import { verifyChangesetToken } from "./post-purchase-tokens";

/*
 * Shopify's side of applyChangeset, for the demo and the tests (decision
 * 0078): the app's changeset token is checked as Shopify checks it, its
 * `add_variant` becomes a new order line with the explicit discount applied
 * per unit, its `set_metafield` an order metafield; and the edit is reported
 * as Shopify's orders/edited webhook reports it (no money, only the added
 * line ids and their deltas).
 */

export interface Addition {
  id: string;
  delta: number;
}

export interface ApplyArgs {
  secret: string;
  apiKey: string;
  referenceId: string;
  /** When the initial purchase completed (ms): a changeset signed before it is refused. */
  purchasedAt: number;
  /** The variant's unit price, shop and presentment minor units (2-digit currencies in the demo). */
  price: (variantId: string) => { shop: number; presentment: number } | undefined;
  shopCurrency: string;
  presentmentCurrency: string;
}

const decimal = (minor: number) => (minor / 100).toFixed(2);
const discounted = (unit: number, d: { value: number; valueType: string } | undefined) =>
  !d ? unit : d.valueType === "percentage" ? unit - Math.round((unit * d.value) / 100) : Math.max(0, unit - Math.round(d.value * 100));

/** Applies a verified changeset to the order; throws (nothing changed) when the token or a change is refused. */
export async function applyChangesetToOrder(order: OrderFixture, token: string, args: ApplyArgs): Promise<Addition[]> {
  const v = await verifyChangesetToken(token, args);
  const lines: OrderFixture["lines"] = [];
  const metafields: [string, string][] = [];
  for (const c of v.changes) {
    if (c.type === "set_metafield") {
      metafields.push([`${c.namespace}|${c.key}`, c.value]);
      continue;
    }
    const unit = args.price(String(c.variantId));
    if (!unit) throw new Error(`variant ${c.variantId} does not exist`);
    const id = `${order.id}${String(order.lines.length + lines.length + 1).padStart(2, "0")}`;
    lines.push({
      id,
      quantity: c.quantity,
      variantId: String(c.variantId),
      shop: { amount: decimal(discounted(unit.shop, c.discount) * c.quantity), currencyCode: args.shopCurrency },
      presentment: { amount: decimal(discounted(unit.presentment, c.discount) * c.quantity), currencyCode: args.presentmentCurrency },
    });
  }
  order.lines.push(...lines);
  for (const [k, value] of metafields) order.metafields.set(k, value);
  return lines.map((l) => ({ id: l.id, delta: l.quantity }));
}

/** The orders/edited body (shopify.dev webhook payload `orders/edited`). */
export function orderEditedPayload(orderId: string, additions: Addition[], now: number, appId: number | null = null) {
  return {
    order_edit: {
      id: Math.floor(now / 1000),
      app_id: appId,
      created_at: new Date(now).toISOString(),
      notify_customer: false,
      order_id: Number(orderId),
      staff_note: "",
      user_id: null,
      line_items: { additions: additions.map((a) => ({ id: Number(a.id), delta: a.delta })), removals: [] },
      discounts: { additions: [], removals: [] },
      shipping_lines: { additions: [], removals: [] },
    },
  };
}

export async function sendOrderEditedWebhook(appUrl: string, payload: ReturnType<typeof orderEditedPayload>, opts: { shop: string; secret: string; now: number }): Promise<number> {
  const body = JSON.stringify(payload);
  const res = await fetch(`${appUrl}/webhooks/orders/edited`, { method: "POST", headers: webhookHeaders(body, { ...opts, topic: "orders/edited" }), body });
  await res.arrayBuffer();
  return res.status;
}
