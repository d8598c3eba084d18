/** An orders/create payload in Shopify's REST order shape (API 2026-07), trimmed to what matters plus some noise. */
export function orderPayload(overrides: Record<string, unknown> = {}) {
  const money = (shop: string, pres: string) => ({
    shop_money: { amount: shop, currency_code: "EUR" },
    presentment_money: { amount: pres, currency_code: "USD" },
  });
  return {
    id: 5_550_001_234,
    admin_graphql_api_id: "gid://shopify/Order/5550001234",
    name: "#1001",
    created_at: "2026-11-20T10:15:00+01:00",
    currency: "EUR",
    presentment_currency: "USD",
    subtotal_price: "63.00",
    subtotal_price_set: money("63.00", "69.30"),
    total_price: "68.00",
    customer: { id: 7_281_928, email: "shopper@example.com" },
    note_attributes: [{ name: "_tactful_ab", value: "offer-socks:b,offer-belt:holdout" }],
    line_items: [
      {
        id: 11,
        variant_id: 1001,
        product_id: 101,
        title: "Sneakers",
        quantity: 1,
        price: "50.00",
        price_set: money("50.00", "55.00"),
        total_discount: "0.00",
        discount_allocations: [],
        properties: [],
      },
      {
        id: 12,
        variant_id: 2011,
        product_id: 201,
        title: "Socks",
        quantity: 2,
        price: "9.00",
        price_set: money("9.00", "9.90"),
        total_discount: "0.00",
        // 10% off both pairs by the Tactful discount Function.
        discount_allocations: [{ amount: "1.80", amount_set: money("1.80", "1.98"), discount_application_index: 0 }],
        properties: [
          { name: "_tactful_offer", value: "offer-socks" },
          { name: "_tactful_variant", value: "b" },
        ],
      },
    ],
    ...overrides,
  };
}

/**
 * The offers the fixture order names, saved for `shop` as the admin saves
 * them: attribution credits only offers of the shop, for the variants they
 * offered and the arms they have.
 */
export async function seedFixtureOffers(shop: string) {
  const { default: db } = await import("../../app/platform/db.server");
  const content = { en: { headline: "Socks?", body: "", accept: "Add", decline: "No thanks" } };
  if (await db.offer.count({ where: { shop, id: "offer-socks" } })) return;
  const socks = { productId: "gid://shopify/Product/201", handle: "socks", title: "Socks", variantIds: ["gid://shopify/ProductVariant/2011"] };
  await db.offer.createMany({
    data: [
      {
        id: "offer-socks",
        shop,
        name: "Socks with sneakers",
        status: "ACTIVE",
        type: "CROSS_SELL",
        moments: "ADD_TO_CART",
        definition: { items: [socks], content, abVariants: [{ id: "a", weight: 50 }, { id: "b", weight: 50 }] },
      },
      { id: "offer-belt", shop, name: "Belt", status: "ACTIVE", type: "CROSS_SELL", moments: "CART", definition: { items: [{ ...socks, variantIds: ["3011"] }], content, holdoutBps: 1000 } },
      { id: "o1", shop, name: "Tea", status: "ACTIVE", type: "CROSS_SELL", moments: "CART", definition: { items: [{ ...socks, variantIds: ["4011"] }], content } },
    ],
  });
}
