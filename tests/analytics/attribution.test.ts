import { describe, expect, it } from "vitest";
import type { ActionFunctionArgs } from "@remix-run/node";
import db from "../../app/platform/db.server";
import * as ordersCreate from "../../app/routes/webhooks.orders.create";
import * as customersRedact from "../../app/routes/webhooks.customers.redact";
import * as shopRedact from "../../app/routes/webhooks.shop.redact";
import { customerHash } from "../../app/analytics/customer-hash.server";
import { withCleanDatabase } from "../helpers/db";
import { installShop, signedWebhook, TEST_SHOP } from "../helpers/shopify-requests";
import { orderPayload, seedFixtureOffers } from "./order-fixture";
import { getHeadlineFigures, offerTotals } from "../../app/analytics/figures.server";

withCleanDatabase();

type Action = (args: ActionFunctionArgs) => Promise<Response>;
const call = (action: Action, request: Request) => action({ request, params: {}, context: {} });
/** The shop installed, with the offers the fixture order names. */
async function installShopWithOffers() {
  await installShop();
  await seedFixtureOffers(TEST_SHOP);
}
const order = (payload: unknown, eventId?: string) => call(ordersCreate.action, signedWebhook("orders/create", payload, eventId ? { eventId } : {}));

describe("order attribution (orders/create)", () => {
  it("a line carrying _tactful_offer is a conversion with its variant and its revenue after discounts in shop and presentment currency", async () => {
    await installShopWithOffers();
    expect((await order(orderPayload())).status).toBe(200);
    const [c, ...rest] = await db.conversion.findMany({ where: { shop: TEST_SHOP } });
    expect(rest).toHaveLength(0);
    expect(c).toMatchObject({
      orderId: "5550001234",
      lineId: "12",
      offerId: "offer-socks",
      variant: "b",
      quantity: 2,
      revenue: 1620n, // 2 × 9.00 − 1.80 (money columns are 64-bit)
      currency: "EUR",
      presentmentRevenue: 1782n, // 2 × 9.90 − 1.98
      presentmentCurrency: "USD",
      day: "2026-11-20",
      customerHash: customerHash(TEST_SHOP, 7_281_928),
    });
  });

  it("every arm in the _tactful_ab attribute gets the order, so holdout orders count without any offer line", async () => {
    await installShopWithOffers();
    await order(orderPayload());
    const rows = await db.experimentOrder.findMany({ where: { shop: TEST_SHOP }, orderBy: { offerId: "asc" } });
    expect(rows.map((r) => [r.offerId, r.arm, r.revenue, r.presentmentRevenue])).toEqual([
      ["offer-belt", "holdout", 6300n, 6930n],
      ["offer-socks", "b", 6300n, 6930n],
    ]);
  });

  it("replaying the same order (same event id, then a new event id) counts one conversion", async () => {
    await installShopWithOffers();
    const payload = orderPayload();
    await order(payload, "evt-order-1");
    expect((await order(payload, "evt-order-1")).status).toBe(200);
    expect((await order(payload, "evt-order-2")).status).toBe(200);
    expect(await db.conversion.count()).toBe(1);
    expect(await db.experimentOrder.count()).toBe(2);
  });

  it("currencies without minor units are counted in whole units (JPY)", async () => {
    await installShopWithOffers();
    const jpy = (a: string) => ({ shop_money: { amount: a, currency_code: "JPY" }, presentment_money: { amount: a, currency_code: "JPY" } });
    await order(
      orderPayload({
        currency: "JPY",
        presentment_currency: "JPY",
        subtotal_price_set: jpy("1500"),
        note_attributes: [],
        line_items: [{ id: 1, variant_id: 4011, quantity: 1, price: "1500", price_set: jpy("1500"), discount_allocations: [], properties: [{ name: "_tactful_offer", value: "o1" }] }],
      }),
    );
    expect((await db.conversion.findFirstOrThrow()).revenue).toBe(1500n);
  });

  it("an order without Tactful lines or attribute stores nothing; an unreadable payload is acknowledged and stores nothing", async () => {
    await installShopWithOffers();
    await order(orderPayload({ note_attributes: [], line_items: [] }));
    expect((await order({ id: "not-a-number" })).status).toBe(200);
    expect(await db.conversion.count()).toBe(0);
    expect(await db.experimentOrder.count()).toBe(0);
  });
});

describe("attribution credits only what the shop's offers back (claims come from the shopper's browser)", () => {
  const forgedLine = (props: Array<{ name: string; value: string }>, variantId = 2011) => ({
    id: 99,
    variant_id: variantId,
    quantity: 1,
    price: "99999999.99",
    discount_allocations: [],
    properties: props,
  });

  it("a line naming another shop's offer or a made-up id, at $99,999,999.99, is not attributed", async () => {
    await installShopWithOffers();
    await db.offer.create({ data: { id: "their-offer", shop: "other.myshopify.com", name: "Theirs", status: "ACTIVE", type: "CROSS_SELL", moments: "CART", definition: { items: [{ productId: "201", handle: "socks", variantIds: ["2011"] }] } } });
    const payload = orderPayload({
      note_attributes: [],
      line_items: [forgedLine([{ name: "_tactful_offer", value: "their-offer" }]), { ...forgedLine([{ name: "_tactful_offer", value: "made-up" }]), id: 98 }],
    });
    expect((await order(payload)).status).toBe(200);
    expect(await db.conversion.count()).toBe(0);
  });

  it("a line naming this shop's offer on a variant the offer never offered is not attributed", async () => {
    await installShopWithOffers();
    await order(orderPayload({ note_attributes: [], line_items: [forgedLine([{ name: "_tactful_offer", value: "offer-socks" }], 777)] }));
    expect(await db.conversion.count()).toBe(0);
  });

  it("an A/B arm the offer does not have is not credited: the conversion counts without it, the experiment order not at all", async () => {
    await installShopWithOffers();
    const socksLine = { ...forgedLine([{ name: "_tactful_offer", value: "offer-socks" }, { name: "_tactful_variant", value: "zz" }]), price: "9.00" };
    await order(orderPayload({ note_attributes: [{ name: "_tactful_ab", value: "offer-socks:zz,offer-belt:b,made-up:holdout" }], line_items: [socksLine] }));
    expect(await db.conversion.findMany({ select: { offerId: true, variant: true, revenue: true } })).toEqual([{ offerId: "offer-socks", variant: null, revenue: 900n }]);
    expect(await db.experimentOrder.count()).toBe(0);
  });
});

describe("money is 64-bit in every column", () => {
  it("an order line above int4's 2,147,483,647 minor units (a VND order) is attributed, rolled up and summed", async () => {
    await installShopWithOffers();
    const vnd = (a: string) => ({ shop_money: { amount: a, currency_code: "VND" }, presentment_money: { amount: a, currency_code: "VND" } });
    const line = (id: number) => ({ id, variant_id: 4011, quantity: 1, price: "2500000000", price_set: vnd("2500000000"), discount_allocations: [], properties: [{ name: "_tactful_offer", value: "o1" }] });
    const vndOrder = (id: number) => orderPayload({ id, currency: "VND", presentment_currency: "VND", subtotal_price_set: vnd("2500000000"), note_attributes: [], line_items: [line(id)] });
    expect((await order(vndOrder(1))).status).toBe(200);
    expect((await order(vndOrder(2))).status).toBe(200);
    expect((await db.conversion.findMany({ select: { revenue: true } })).map((c) => c.revenue)).toEqual([2_500_000_000n, 2_500_000_000n]);
    // The day's sum passes int4 twice over; Home and Analytics read it back as a number.
    expect((await getHeadlineFigures(TEST_SHOP, "2026-11-20", "2026-11-20", db, Date.parse("2026-11-21T00:00:00Z"))).attributedRevenue).toBe(5_000_000_000);
    const totals = await offerTotals(db, TEST_SHOP, "2026-11-20", "2026-11-20");
    expect(totals).toEqual([expect.objectContaining({ offerId: "o1", orders: 2, revenue: 5_000_000_000 })]);
  });
});

describe("privacy webhooks and analytics", () => {
  it("customers/redact cuts the customer's hash and order ids but keeps counts and revenue", async () => {
    await installShopWithOffers();
    await order(orderPayload());
    const hash = customerHash(TEST_SHOP, 7_281_928);
    await db.analyticsEvent.create({
      data: { shop: TEST_SHOP, id: "e1", type: "IMPRESSION", offerId: "offer-socks", moment: "CART", visitor: "v", session: "s", customerHash: hash, ts: new Date(), day: "2026-11-20" },
    });
    const res = await call(customersRedact.action, signedWebhook("customers/redact", { shop_domain: TEST_SHOP, customer: { id: 7_281_928 }, orders_to_redact: [5_550_001_234] }));
    expect(res.status).toBe(200);
    expect(await db.analyticsEvent.count({ where: { customerHash: { not: null } } })).toBe(0);
    expect(await db.analyticsEvent.count()).toBe(1);
    const conv = await db.conversion.findFirstOrThrow();
    expect(conv.customerHash).toBeNull();
    expect(conv.orderId).toMatch(/^redacted:/);
    expect(conv.revenue).toBe(1620n);
    expect(await db.experimentOrder.count({ where: { orderId: "5550001234" } })).toBe(0);
    // A late replay of the redacted order is still recognised and not counted twice.
    await order(orderPayload(), "evt-late-replay");
    expect(await db.conversion.count()).toBe(1);
  });

  it("shop/redact removes every analytics row of the shop and only of that shop", async () => {
    await installShopWithOffers();
    await order(orderPayload());
    await db.analyticsEvent.create({
      data: { shop: "other.myshopify.com", id: "e1", type: "IMPRESSION", offerId: "o", moment: "CART", visitor: "v", session: "s", ts: new Date(), day: "2026-11-20" },
    });
    await db.dailyStat.create({ data: { shop: TEST_SHOP, day: "2026-11-20", offerId: "o", arm: "", moment: "" } });
    await call(shopRedact.action, signedWebhook("shop/redact", { shop_id: 1, shop_domain: TEST_SHOP }));
    const left = await Promise.all([db.conversion.count({ where: { shop: TEST_SHOP } }), db.experimentOrder.count({ where: { shop: TEST_SHOP } }), db.dailyStat.count({ where: { shop: TEST_SHOP } })]);
    expect(left).toEqual([0, 0, 0]);
    expect(await db.analyticsEvent.count({ where: { shop: "other.myshopify.com" } })).toBe(1);
  });
});
