import { afterAll, beforeEach, describe, expect, it } from "vitest";
// First: MSW must patch fetch before the Shopify library captures it.
import { adminServer, bearerRequest, FakeAdminApi, formPost, useFakeAdmin } from "./fake-admin-api";
import db from "../../app/platform/db.server";
import { action, loader } from "../../app/routes/app.recommendations";
import { recordOrderBatch, type OrderBasket } from "../../app/recommendations/recommendations.server";
import { installShop, TEST_SHOP } from "../helpers/shopify-requests";
import { withCleanDatabase } from "../helpers/db";
import { JACKET, SNEAKERS, SOCKS } from "./fixtures";

/*
 * The recommendations page (issue 18, decisions 0083 and 0084): the evidence
 * per trigger in plain words, Pin and Block validated at the boundary, and
 * the backfill through a bulk operation against the fake Admin API, which
 * answers with Shopify's documented shapes (bulkOperationRunQuery, node(id)
 * polling, a JSONL file with __parentId lines).
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

const args = (request: Request) => ({ request, params: {}, context: {} });
const page = async () =>
  (await loader(args(await bearerRequest("/app/recommendations")))) as Awaited<ReturnType<typeof loader>>;
const post = async (form: Record<string, string>) =>
  (await action(args(await formPost("/app/recommendations", form)))) as Response;

/** 40 orders of sneakers and socks, 10 of sneakers and a jacket, 100 of other products. */
async function seedOrders() {
  const orders: OrderBasket[] = [];
  let id = 1;
  const at = new Date("2026-11-01T00:00:00Z");
  for (let i = 0; i < 40; i++)
    orders.push({ orderId: String(id++), orderedAt: at, productIds: [SNEAKERS.id, SOCKS.id] });
  for (let i = 0; i < 10; i++)
    orders.push({ orderId: String(id++), orderedAt: at, productIds: [SNEAKERS.id, JACKET.id] });
  for (let i = 0; i < 100; i++)
    orders.push({ orderId: String(id++), orderedAt: at, productIds: [`gid://shopify/Product/${5000 + (i % 25)}`] });
  await recordOrderBatch(db, TEST_SHOP, orders);
}

describe("the recommendations page", () => {
  it("shows each trigger's recommendations with titles and the evidence in plain words", async () => {
    await seedOrders();
    const data = await page();
    expect(data.orders).toBe(150);
    // The 25 other products have no evidence: counted, not listed as empty cards.
    expect(data.triggers.map((t) => t.title)).toEqual(["Trail sneakers", "Merino socks", "Rain jacket"]);
    expect(data.withoutRecommendations).toBe(25);
    const sneakers = data.triggers.find((t) => t.productId === SNEAKERS.id);
    expect(sneakers?.title).toBe("Trail sneakers");
    expect(sneakers?.recommendations.map((r) => [r.title, r.evidence])).toEqual([
      ["Merino socks", "Bought together in 40 of 50 orders; 3.0× more often than chance"],
      ["Rain jacket", "Bought together in 10 of 50 orders; 3.0× more often than chance"],
    ]);
  });

  it("pins and blocks a pair, and answers 400 with a message for bad input, changing nothing", async () => {
    await seedOrders();
    expect((await post({ intent: "pin", triggerProductId: SNEAKERS.id, productId: JACKET.id })).status).toBe(200);
    expect(
      (await page()).triggers.find((t) => t.productId === SNEAKERS.id)?.recommendations.map((r) => [r.title, r.pinned]),
    ).toEqual([
      ["Rain jacket", true],
      ["Merino socks", false],
    ]);
    const blocked = await post({ intent: "block", triggerProductId: SNEAKERS.id, productId: SOCKS.id });
    expect(await blocked.json()).toEqual({ ok: true, message: "Blocked: it is never recommended for this product." });
    const after = await page();
    expect(after.triggers.find((t) => t.productId === SNEAKERS.id)?.recommendations.map((r) => r.title)).toEqual([
      "Rain jacket",
    ]);
    expect(after.blocked).toEqual([
      { triggerProductId: SNEAKERS.id, productId: SOCKS.id, triggerTitle: "Trail sneakers", title: "Merino socks" },
    ]);

    const bad = await post({
      intent: "pin",
      triggerProductId: SNEAKERS.id,
      productId: "gid://shopify/ProductVariant/2002",
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/^Nothing changed: productId: must be a product id/);
    expect((await post({ intent: "explode" })).status).toBe(400);
    const self = await post({ intent: "pin", triggerProductId: SNEAKERS.id, productId: SNEAKERS.id });
    expect(self.status).toBe(400);
    expect(await db.recommendationOverride.count()).toBe(2);
  });
});

describe("the backfill through a bulk operation", () => {
  it("starts one bulk query over orders and their line items, polls it by id, reads the JSONL and counts each order once", async () => {
    api.bulkOrders = [
      { id: "101", createdAt: "2026-10-01T10:00:00Z", productIds: ["1001", "1002", "1002"] },
      { id: "102", createdAt: "2026-10-02T10:00:00Z", productIds: ["1001", "1002", null] },
      { id: "103", createdAt: "2026-10-03T10:00:00Z", productIds: ["1001", "1003"] },
    ];
    api.bulkPollsBeforeDone = 1;
    const started = await post({ intent: "backfill" });
    expect(started.status).toBe(200);
    const run = api.calls.find((c) => c.operation === "TactfulBulkOperationRunQuery");
    expect(String(run?.variables.query)).toMatch(
      /orders\(query: "created_at:>=\d{4}-\d{2}-\d{2}", sortKey: CREATED_AT, reverse: true\)/,
    );
    // Shopify is still exporting: the page says so, with the progress it reports.
    expect((await page()).backfill).toMatchObject({ status: "RUNNING", objectCount: 5 });
    const done = await page();
    expect(done.backfill).toMatchObject({ status: "COMPLETED", orders: 3, error: null });
    expect(done.orders).toBe(3);
    expect(
      await db.recommendationPair.findUnique({
        where: { shop_productA_productB: { shop: TEST_SHOP, productA: SNEAKERS.id, productB: SOCKS.id } },
      }),
    ).toMatchObject({ orders: 2n });
    // A second backfill reads the same orders plus a new one: only the new one counts.
    api.bulkOrders.push({ id: "104", createdAt: "2026-10-04T10:00:00Z", productIds: ["1001", "1002"] });
    api.bulkPollsBeforeDone = 0;
    await post({ intent: "backfill" });
    const again = await page();
    expect(again.backfill).toMatchObject({ status: "COMPLETED", orders: 1 });
    expect(again.orders).toBe(4);
    expect(api.count("TactfulBulkOperationRunQuery")).toBe(2);
  });

  it("while one runs, a second start does not start another", async () => {
    api.bulkPollsBeforeDone = 5;
    await post({ intent: "backfill" });
    await post({ intent: "backfill" });
    expect(api.count("TactfulBulkOperationRunQuery")).toBe(1);
  });

  it("Shopify's refusal is shown as it said it, and a failed operation says how it ended", async () => {
    api.fail("TactfulBulkOperationRunQuery", {
      kind: "userErrors",
      errors: [
        {
          field: null,
          message: "A bulk query operation for this app and shop is already in progress.",
          code: "OPERATION_IN_PROGRESS",
        },
      ],
    });
    const refused = await post({ intent: "backfill" });
    expect(refused.status).toBe(502);
    expect((await refused.json()).message).toContain(
      "A bulk query operation for this app and shop is already in progress.",
    );
    expect((await page()).backfill.status).toBe("FAILED");

    api.bulkPollsBeforeDone = 0;
    await post({ intent: "backfill" });
    for (const op of api.bulkOperations.values()) op.finishAs = "FAILED";
    expect((await page()).backfill).toMatchObject({
      status: "FAILED",
      error: "Shopify's bulk operation ended FAILED (TIMEOUT).",
    });
  });

  it("a completed operation with no orders has no file, and counts nothing", async () => {
    api.bulkPollsBeforeDone = 0;
    await post({ intent: "backfill" });
    expect((await page()).backfill).toMatchObject({ status: "COMPLETED", orders: 0 });
  });
});
