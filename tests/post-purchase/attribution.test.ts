import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { adminServer, FakeAdminApi, jsonPost, useFakeAdmin, type OrderFixture } from "../admin/fake-admin-api";
import { API_KEY, API_SECRET_KEY, APP_URL } from "@shopify/shopify-api/test-helpers";
import db from "../../app/platform/db.server";
import { action as editorAction } from "../../app/routes/app.offers.$id";
import { action as offerAction } from "../../app/routes/post-purchase.offer";
import { action as acceptAction } from "../../app/routes/post-purchase.accept";
import { action as editedAction } from "../../app/routes/webhooks.orders.edited";
import { action as customersRedactAction } from "../../app/routes/webhooks.customers.redact";
import { action as shopRedactAction } from "../../app/routes/webhooks.shop.redact";
import { getHeadlineFigures, offerTotals } from "../../app/analytics/figures.server";
import { experimentResults } from "../../app/analytics/experiments.server";
import { utcDay } from "../../app/analytics/day";
import { retryPolicy } from "../../app/shopify/admin-api.server";
import { signInputToken, simInputData } from "../../demo/checkout/post-purchase-tokens";
import { applyChangesetToOrder, orderEditedPayload } from "../../demo/checkout/post-purchase-apply";
import { withCleanDatabase } from "../helpers/db";
import { installShop, signedWebhook, TEST_SHOP } from "../helpers/shopify-requests";
import { deliverOrderCreated } from "../helpers/paid-order";
import { pruneCarriedMemory } from "../../app/post-purchase/carried-memory.server";
import { crossSell, JACKET, SNEAKERS, SOCKS } from "../admin/fixtures";

/*
 * orders/edited as Shopify sends it after applyChangeset (decision 0078):
 * the offer is saved through the editor, decided and signed through the
 * post-purchase routes, the changeset "applied" to the fake Admin API's
 * order as Shopify would (the added line and the order metafield), then the
 * signed webhook arrives. Revenue must reach the analytics only for an edit
 * our changeset made.
 */

withCleanDatabase();
let api = new FakeAdminApi();
beforeEach(async () => {
  api = new FakeAdminApi();
  for (const p of [SNEAKERS, SOCKS, JACKET]) api.products.set(p.id, p);
  useFakeAdmin(api);
  await installShop();
});
afterAll(() => adminServer.close());

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
const post = (path: string, body: unknown) => new Request(`${APP_URL}${path}`, { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" } });
const call = async (action: typeof offerAction, path: string, body: unknown) => {
  const res = (await action(args(post(path, body)))) as Response;
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

async function createOffer(definition: Record<string, unknown> = {}) {
  const base = crossSell();
  const offer = { ...base, moments: ["POST_PURCHASE"], definition: { ...base.definition, ...definition } };
  const res = (await editorAction(args(await jsonPost("/app/offers/new", { intent: "save", offer }), { id: "new" }))) as Response;
  expect(res.status).toBe(302);
  return db.offer.findFirstOrThrow({ where: { shop: TEST_SHOP }, orderBy: { createdAt: "desc" } });
}

let n = 0;
/** Shopify's side of one paid order: its input token and its order in the Admin API. */
async function purchase(customerId?: number) {
  const id = String(5_000_000 + ++n);
  const referenceId = `ref-attr-${n}`;
  const input = simInputData({
    shop: TEST_SHOP,
    referenceId,
    currency: "USD",
    customerId,
    lines: [{ productId: 1001, productTitle: SNEAKERS.title, variantId: 2001, variantTitle: "42", quantity: 1, total: "100.00" }],
  });
  const order: OrderFixture = { id, lines: [{ id: `${id}1`, quantity: 1, variantId: "2001", shop: usd("100.00"), presentment: usd("100.00") }], metafields: new Map() };
  api.orders.set(id, order);
  // orders/create came first, with the (empty) memory the cart carried (decision 0087).
  expect(await deliverOrderCreated({ referenceId, orderId: Number(id), customerId })).toBe(200);
  return { order, referenceId, token: await signInputToken(input, API_SECRET_KEY) };
}
const usd = (amount: string) => ({ amount, currencyCode: "USD" });

/** What Shopify does on applyChangeset: checks our signature, adds the line with its discount, writes the metafield. */
const applyChangeset = (order: OrderFixture, referenceId: string, token: string) =>
  applyChangesetToOrder(order, token, {
    secret: API_SECRET_KEY,
    apiKey: API_KEY,
    referenceId,
    purchasedAt: Date.now() - 60_000,
    // The socks cost 12.00 in the shop's dollars; the shopper paid in euros at 0.90.
    price: (variantId) => (variantId === "2002" ? { shop: 1200, presentment: 1080 } : undefined),
    shopCurrency: "USD",
    presentmentCurrency: "EUR",
  });
const edited = (orderId: string, additions: { id: string; delta: number }[]) => orderEditedPayload(orderId, additions, Date.now(), 4242);
const deliver = async (payload: unknown, eventId?: string) => ((await editedAction(args(signedWebhook("orders/edited", payload, eventId ? { eventId } : {})))) as Response).status;

async function acceptedOrder(customerId?: number, quantity = 2) {
  const offer = await createOfferOnce();
  const p = await purchase(customerId);
  const shown = await call(offerAction, "/post-purchase/offer", { token: p.token });
  expect(shown.body.offer).not.toBeNull();
  const accept = await call(acceptAction, "/post-purchase/accept", { token: p.token, offerId: offer.id, variantId: "2002", quantity });
  expect(accept.status).toBe(200);
  const additions = await applyChangeset(p.order, p.referenceId, accept.body.token as string);
  return { offer, ...p, additions };
}
let created: Awaited<ReturnType<typeof createOffer>> | null = null;
beforeEach(() => void (created = null));
const createOfferOnce = async () => (created ??= await createOffer());

describe("orders/edited attribution of post-purchase changesets", () => {
  it("credits the added lines to the offer, in shop and presentment money, and marks the row accepted", async () => {
    const { offer, order, referenceId, additions } = await acceptedOrder(7);
    expect(await deliver(edited(order.id, additions))).toBe(200);
    const conversions = await db.conversion.findMany();
    expect(conversions).toHaveLength(1);
    // Two socks at 12.00 less 10%: 21.60; the presentment side as the order shows it.
    expect(conversions[0]).toMatchObject({ orderId: order.id, lineId: additions[0]?.id, offerId: offer.id, quantity: 2, revenue: 2160n, currency: "USD", presentmentRevenue: 1944n, presentmentCurrency: "EUR" });
    expect(conversions[0]?.customerHash).not.toBeNull();
    const row = await db.postPurchaseOffer.findUniqueOrThrow({ where: { shop_referenceId: { shop: TEST_SHOP, referenceId } } });
    expect(row).toMatchObject({ status: "ACCEPTED", orderId: order.id });
    expect(row.answeredAt).not.toBeNull();
    // Read once, by the Admin API, for the order and its added line only.
    expect(api.calls.filter((c) => c.operation === "TactfulOrderEditAttribution").map((c) => c.variables)).toEqual([{ order: `gid://shopify/Order/${order.id}`, lines: [`gid://shopify/LineItem/${additions[0]?.id}`] }]);
  });

  it("is idempotent: a redelivery of the event, or the same edit under a new event id, writes nothing twice", async () => {
    const { order, additions } = await acceptedOrder();
    const payload = edited(order.id, additions);
    expect(await deliver(payload, "evt-1")).toBe(200);
    expect(await deliver(payload, "evt-1")).toBe(200);
    expect(await deliver(payload, "evt-2")).toBe(200);
    expect(await db.conversion.count()).toBe(1);
    expect(await db.analyticsEvent.count({ where: { type: "ACCEPT" } })).toBe(1);
  });

  it("ignores an edit whose metafield names a changeset we never signed, and a copy of our metafield on another order", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { order, referenceId, offer, additions } = await acceptedOrder();
    const real = order.metafields.get("tactful|post_purchase") ?? "";
    // Forged: the right row and offer, a made-up changeset id.
    const forged = await purchase();
    forged.order.metafields.set("tactful|post_purchase", JSON.stringify({ referenceId, offerId: offer.id, changesetId: "00000000-0000-4000-8000-000000000000" }));
    forged.order.lines.push({ id: `${forged.order.id}9`, quantity: 2, variantId: "2002", shop: usd("21.60"), presentment: usd("21.60") });
    expect(await deliver(edited(forged.order.id, [{ id: `${forged.order.id}9`, delta: 2 }]))).toBe(200);
    expect(await db.conversion.count()).toBe(0);
    expect((await db.postPurchaseOffer.findUniqueOrThrow({ where: { shop_referenceId: { shop: TEST_SHOP, referenceId } } })).orderId).toBeNull();

    // The real edit is credited; a copy of its metafield on another order then credits nothing.
    expect(await deliver(edited(order.id, additions))).toBe(200);
    const copy = await purchase();
    copy.order.metafields.set("tactful|post_purchase", real);
    copy.order.lines.push({ id: `${copy.order.id}9`, quantity: 2, variantId: "2002", shop: usd("21.60"), presentment: usd("21.60") });
    expect(await deliver(edited(copy.order.id, [{ id: `${copy.order.id}9`, delta: 2 }]))).toBe(200);
    expect((await db.conversion.findMany()).map((c) => c.orderId)).toEqual([order.id]);
    expect(warn.mock.calls.map((c) => String(c[0])).join("\n")).toMatch(/no changeset this app signed[\s\S]*already confirmed on order/);
    warn.mockRestore();
  });

  it("credits only the signed variant, and nothing for an edit without our metafield", async () => {
    const { order, additions } = await acceptedOrder();
    // Another app's (or the merchant's) edit on a different order: no metafield, no Admin read of lines beyond the one call.
    const other = await purchase();
    other.order.lines.push({ id: `${other.order.id}9`, quantity: 1, variantId: "2002", shop: usd("12.00"), presentment: usd("12.00") });
    expect(await deliver(edited(other.order.id, [{ id: `${other.order.id}9`, delta: 1 }]))).toBe(200);
    // Our order, edited again later by the merchant to add a jacket: not the signed variant.
    order.lines.push({ id: `${order.id}7`, quantity: 1, variantId: "2003", shop: usd("80.00"), presentment: usd("80.00") });
    expect(await deliver(edited(order.id, [...additions, { id: `${order.id}7`, delta: 1 }]))).toBe(200);
    expect((await db.conversion.findMany()).map((c) => [c.orderId, c.lineId])).toEqual([[order.id, additions[0]?.id]]);
  });

  it("answers 503 when the Admin API cannot be read, and the redelivery then credits the edit", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { order, additions } = await acceptedOrder();
    const realSleep = retryPolicy.sleep;
    // The client's backoff between its own retries is not what this test is about.
    retryPolicy.sleep = async () => undefined;
    api.fail("TactfulOrderEditAttribution", { kind: "http", status: 500 }, 10);
    const payload = edited(order.id, additions);
    expect(await deliver(payload, "evt-x")).toBe(503);
    expect(await db.conversion.count()).toBe(0);
    api.faults.clear();
    expect(await deliver(payload, "evt-x")).toBe(200);
    expect(await db.conversion.count()).toBe(1);
    retryPolicy.sleep = realSleep;
    error.mockRestore();
  });

  it("shows the revenue on the analytics overview and in the offer's totals", async () => {
    const { offer, order, additions } = await acceptedOrder(9);
    await deliver(edited(order.id, additions));
    const today = utcDay(Date.now());
    const figures = await getHeadlineFigures(TEST_SHOP, today, today, db);
    expect(figures).toMatchObject({ impressions: 1, accepts: 1, attributedRevenue: 2160, currency: "USD" });
    expect(await offerTotals(db, TEST_SHOP, today, today)).toEqual([expect.objectContaining({ offerId: offer.id, impressions: 1, accepts: 1, orders: 1, revenue: 2160 })]);
  });

  it("counts the holdout and the treated shoppers of this moment in the experiment", async () => {
    const offer = await createOffer({ holdoutBps: 5000 });
    created = offer;
    const rows: { holdout: boolean; p: Awaited<ReturnType<typeof purchase>> }[] = [];
    // Bucketing is by customer: enough customers to land in both groups at 50%.
    for (let customer = 100; customer < 120; customer++) {
      const p = await purchase(customer);
      const shown = await call(offerAction, "/post-purchase/offer", { token: p.token });
      rows.push({ holdout: shown.body.offer === null, p });
    }
    const held = rows.filter((r) => r.holdout).length;
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(rows.length);
    const treated = rows.find((r) => !r.holdout)?.p;
    if (!treated) throw new Error("no treated shopper");
    const accept = await call(acceptAction, "/post-purchase/accept", { token: treated.token, offerId: offer.id, variantId: "2002", quantity: 1 });
    const additions = await applyChangeset(treated.order, treated.referenceId, accept.body.token as string);
    expect(await deliver(edited(treated.order.id, additions))).toBe(200);

    const today = utcDay(Date.now());
    const r = await experimentResults(db, TEST_SHOP, offer.id, today, today);
    const arm = (name: string) => r.arms.find((a) => a.arm === name)?.counts;
    expect(arm("holdout")).toMatchObject({ visitors: held, conversions: 0, revenue: 0 });
    expect(arm("treated")).toMatchObject({ visitors: rows.length - held, conversions: 1, revenue: 1080 });
    expect(r.incremental).not.toBeNull();
  });

  it("the demo's applyChangeset refuses a changeset we did not sign, and changes nothing", async () => {
    const offer = await createOfferOnce();
    const p = await purchase();
    await call(offerAction, "/post-purchase/offer", { token: p.token });
    const accept = await call(acceptAction, "/post-purchase/accept", { token: p.token, offerId: offer.id, variantId: "2002", quantity: 1 });
    const [header, payload] = String(accept.body.token).split(".");
    // Same header and claims, another signature: Shopify refuses it.
    await expect(applyChangeset(p.order, p.referenceId, `${header}.${payload}.${"A".repeat(43)}`)).rejects.toThrow();
    expect(p.order.lines).toHaveLength(1);
    expect(p.order.metafields.size).toBe(0);
  });
});

/*
 * Redaction of post-purchase data (decision 0087): customers/redact names
 * the orders to redact; their post-purchase rows keep the counts but lose the
 * order id, the reference id (the order's checkout token) and the customer
 * hash, in the row and in the page's events, and the memory the order
 * carried is deleted. shop/redact deletes everything of the shop.
 */
describe("redaction of post-purchase rows", () => {
  const redactCustomer = async (payload: unknown, eventId?: string) => ((await customersRedactAction(args(signedWebhook("customers/redact", payload, eventId ? { eventId } : {})))) as Response).status;
  const mentions = async (text: string) => {
    const dump = JSON.stringify(
      { rows: await db.postPurchaseOffer.findMany(), events: await db.analyticsEvent.findMany(), carried: await db.carriedMemory.findMany(), orders: (await db.conversion.findMany()).map((c) => c.orderId) },
      (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v),
    );
    return dump.includes(text);
  };

  it("customers/redact cuts the listed order out of its post-purchase row, events and carried memory; counts stay; twice is harmless", async () => {
    const { order, referenceId, additions } = await acceptedOrder(7);
    expect(await deliver(edited(order.id, additions))).toBe(200);
    const other = await acceptedOrder(8);
    expect(await mentions(order.id)).toBe(true);
    expect(await mentions(referenceId)).toBe(true);
    const events = await db.analyticsEvent.count();

    const payload = { shop_id: 1, shop_domain: TEST_SHOP, customer: { id: 7 }, orders_to_redact: [Number(order.id)] };
    expect(await redactCustomer(payload, "redact-1")).toBe(200);
    expect(await mentions(order.id)).toBe(false);
    expect(await mentions(referenceId)).toBe(false);
    const row = await db.postPurchaseOffer.findFirstOrThrow({ where: { status: "ACCEPTED" } });
    expect(row.orderId).toMatch(/^redacted:/);
    expect(row.referenceId).toMatch(/^redacted:/);
    expect(row.customerHash).toBeNull();
    expect(await db.analyticsEvent.count()).toBe(events);
    expect(await db.carriedMemory.count({ where: { orderId: order.id } })).toBe(0);
    // The other customer's order is untouched.
    expect(await db.postPurchaseOffer.count({ where: { referenceId: other.referenceId } })).toBe(1);
    expect(await db.carriedMemory.count({ where: { checkoutToken: other.referenceId } })).toBe(1);

    // A redelivery (same or new event id) changes nothing more.
    const before = JSON.stringify(await db.postPurchaseOffer.findMany({ orderBy: { referenceId: "asc" } }), (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));
    expect(await redactCustomer(payload, "redact-1")).toBe(200);
    expect(await redactCustomer(payload, "redact-2")).toBe(200);
    expect(JSON.stringify(await db.postPurchaseOffer.findMany({ orderBy: { referenceId: "asc" } }), (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).toBe(before);
    // A copy of the redacted order's edit cannot bind the row again: it stays redacted and credits nothing new.
    const conversions = await db.conversion.count();
    expect(await deliver(edited(order.id, additions), "edit-after-redact")).toBe(200);
    expect(await db.conversion.count()).toBe(conversions);
    expect((await db.postPurchaseOffer.findFirstOrThrow({ where: { status: "ACCEPTED", referenceId: row.referenceId } })).orderId).toBe(row.orderId);
  });

  it("customers/redact reaches a declined order's row through its carried memory (the row never knew the order id)", async () => {
    await createOfferOnce();
    const p = await purchase();
    expect((await call(offerAction, "/post-purchase/offer", { token: p.token })).body.offer).not.toBeNull();
    expect(await mentions(p.referenceId)).toBe(true);
    expect(await redactCustomer({ shop_domain: TEST_SHOP, customer: { id: 99 }, orders_to_redact: [Number(p.order.id)] })).toBe(200);
    expect(await mentions(p.referenceId)).toBe(false);
    expect(await db.postPurchaseOffer.count()).toBe(1);
  });

  it("the daily prune keeps the link of an order with a post-purchase row, so customers/redact still finds the row later", async () => {
    await createOfferOnce();
    const p = await purchase();
    expect((await call(offerAction, "/post-purchase/offer", { token: p.token })).body.offer).not.toBeNull();
    expect(await deliverOrderCreated({ referenceId: "ref-no-page", orderId: 7_000_001, memory: "1|abc|0|||" })).toBe(200);
    await db.carriedMemory.updateMany({ data: { receivedAt: new Date(Date.now() - 2 * 86_400_000) } });
    expect(await pruneCarriedMemory()).toBe(1);
    expect(await db.carriedMemory.findMany({ select: { orderId: true, memory: true } })).toEqual([{ orderId: p.order.id, memory: "" }]);
    expect(await pruneCarriedMemory()).toBe(0);

    expect(await redactCustomer({ shop_domain: TEST_SHOP, customer: { id: 5 }, orders_to_redact: [Number(p.order.id)] })).toBe(200);
    expect(await mentions(p.referenceId)).toBe(false);
    expect(await db.carriedMemory.count()).toBe(0);
  });

  it("shop/redact deletes the shop's post-purchase rows and carried memories", async () => {
    await acceptedOrder();
    expect(await db.carriedMemory.count()).toBe(1);
    const res = (await shopRedactAction(args(signedWebhook("shop/redact", { shop_id: 1, shop_domain: TEST_SHOP })))) as Response;
    expect(res.status).toBe(200);
    expect(await db.postPurchaseOffer.count()).toBe(0);
    expect(await db.carriedMemory.count()).toBe(0);
  });
});
