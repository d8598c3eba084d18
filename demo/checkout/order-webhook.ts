import { createHmac, randomUUID } from "node:crypto";
import type { CheckoutTotals } from "./function-run";

/*
 * The order a paid demo checkout creates, as Shopify's orders/create webhook
 * delivers it (REST order resource, API 2026-07): shop and presentment money
 * sets, line items with properties as [{name, value}] and the discount
 * Function's allocations, cart attributes as note_attributes. Signed like
 * Shopify signs webhooks: base64 HMAC-SHA256 of the raw body with the app
 * secret in X-Shopify-Hmac-Sha256.
 */

export const WEBHOOK_API_VERSION = "2026-07";
const decimal = (minor: number) => (minor / 100).toFixed(2);

let nextOrder = 0;

export interface OrderContext {
  shop: string;
  cartToken: string;
  attributes: Record<string, string>;
  note: string;
  now: number;
}

export function orderPayload(t: CheckoutTotals, ctx: OrderContext) {
  nextOrder += 1;
  // Unique across demo restarts (and across test servers sharing one database).
  const id = Math.floor(ctx.now / 1000) * 1000 + (nextOrder % 1000);
  const set = (shop: number, pres: number) => ({
    shop_money: { amount: decimal(shop), currency_code: t.shopCurrency },
    presentment_money: { amount: decimal(pres), currency_code: t.currency },
  });
  const anyDiscount = t.lines.some((l) => l.discountPresentment > 0);
  const created = new Date(ctx.now).toISOString();
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#${1000 + nextOrder}`,
    order_number: 1000 + nextOrder,
    number: nextOrder,
    confirmed: true,
    test: true,
    created_at: created,
    updated_at: created,
    processed_at: created,
    currency: t.shopCurrency,
    presentment_currency: t.currency,
    financial_status: "paid",
    fulfillment_status: null,
    source_name: "web",
    cart_token: ctx.cartToken,
    checkout_token: randomUUID().replace(/-/g, ""),
    token: randomUUID().replace(/-/g, ""),
    email: "shopper@example.com",
    contact_email: "shopper@example.com",
    customer: null,
    note: ctx.note || null,
    note_attributes: Object.entries(ctx.attributes).map(([name, value]) => ({ name, value })),
    tags: "",
    taxes_included: true,
    total_tax: "0.00",
    total_tax_set: set(0, 0),
    total_line_items_price: decimal(t.shop.subtotalBeforeDiscounts),
    total_line_items_price_set: set(t.shop.subtotalBeforeDiscounts, t.subtotalBeforeDiscounts),
    total_discounts: decimal(t.shop.discounts),
    total_discounts_set: set(t.shop.discounts, t.discounts),
    subtotal_price: decimal(t.shop.total),
    subtotal_price_set: set(t.shop.total, t.total),
    current_subtotal_price: decimal(t.shop.total),
    current_subtotal_price_set: set(t.shop.total, t.total),
    total_price: decimal(t.shop.total),
    total_price_set: set(t.shop.total, t.total),
    current_total_price: decimal(t.shop.total),
    current_total_price_set: set(t.shop.total, t.total),
    total_shipping_price_set: set(0, 0),
    discount_codes: [],
    discount_applications: anyDiscount
      ? [{ type: "automatic", title: t.lines.find((l) => l.discountMessage)?.discountMessage ?? "Offer discount", description: "Tactful offers", value: "0.0", value_type: "percentage", allocation_method: "each", target_selection: "entitled", target_type: "line_item" }]
      : [],
    shipping_lines: [],
    line_items: t.lines.map((l) => {
      const lineId = id * 100 + l.index;
      return {
        id: lineId,
        admin_graphql_api_id: `gid://shopify/LineItem/${lineId}`,
        variant_id: l.variantId,
        product_id: l.productId,
        title: l.title,
        variant_title: l.variantTitle === "Default Title" ? null : l.variantTitle,
        name: l.variantTitle === "Default Title" ? l.title : `${l.title} - ${l.variantTitle}`,
        vendor: "Tactful Demo",
        sku: `SIM-${l.variantId}`,
        quantity: l.quantity,
        current_quantity: l.quantity,
        fulfillable_quantity: l.quantity,
        requires_shipping: true,
        taxable: true,
        gift_card: false,
        product_exists: true,
        price: decimal(l.unitShop),
        price_set: set(l.unitShop, l.unitPresentment),
        total_discount: "0.00",
        total_discount_set: set(0, 0),
        discount_allocations: l.discountPresentment > 0 ? [{ amount: decimal(l.discountShop), amount_set: set(l.discountShop, l.discountPresentment), discount_application_index: 0 }] : [],
        properties: Object.entries(l.properties).map(([name, value]) => ({ name, value })),
        tax_lines: [],
        duties: [],
      };
    }),
  };
}

export type OrderPayload = ReturnType<typeof orderPayload>;

/** Shopify's webhook headers for this body, signed with the app secret. */
export function webhookHeaders(body: string, opts: { shop: string; secret: string; topic: string; now: number }): Record<string, string> {
  return {
    "Content-Type": "application/json",
    "X-Shopify-Topic": opts.topic,
    "X-Shopify-Hmac-Sha256": createHmac("sha256", opts.secret).update(body, "utf8").digest("base64"),
    "X-Shopify-Shop-Domain": opts.shop,
    "X-Shopify-API-Version": WEBHOOK_API_VERSION,
    "X-Shopify-Webhook-Id": randomUUID(),
    "X-Shopify-Event-Id": randomUUID(),
    "X-Shopify-Triggered-At": new Date(opts.now).toISOString(),
  };
}

export async function sendOrderWebhook(appUrl: string, payload: OrderPayload, opts: { shop: string; secret: string; now: number }): Promise<number> {
  const body = JSON.stringify(payload);
  const res = await fetch(`${appUrl}/webhooks/orders/create`, { method: "POST", headers: webhookHeaders(body, { ...opts, topic: "orders/create" }), body });
  await res.arrayBuffer();
  return res.status;
}
