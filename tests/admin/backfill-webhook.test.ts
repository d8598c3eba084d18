import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
// First: MSW must patch fetch before the Shopify library captures it.
import { adminServer, bearerRequest, FakeAdminApi, formPost, useFakeAdmin } from "./fake-admin-api";
import db from "../../app/platform/db.server";
import { retryPolicy } from "../../app/shopify/admin-api.server";
import { action as recommendationsAction, loader as recommendationsLoader } from "../../app/routes/app.recommendations";
import { action as bulkFinished } from "../../app/routes/webhooks.bulk_operations.finish";
import { backfillImportsSettled } from "../../app/recommendations/backfill-webhook.server";
import { backfillStatus } from "../../app/recommendations/backfill.server";
import { installShop, signedWebhook, TEST_SHOP } from "../helpers/shopify-requests";
import { withCleanDatabase } from "../helpers/db";
import { SNEAKERS, SOCKS } from "./fixtures";

/*
 * bulk_operations/finish for the co-purchase backfill (decision 0094), with
 * real HMAC-signed deliveries and the fake Admin API answering node(id:) and
 * serving the JSONL as Shopify does. The backfill is started through the
 * recommendations page, as a merchant starts it.
 */

withCleanDatabase();

const realPolicy = { ...retryPolicy };
let api = new FakeAdminApi();
beforeEach(async () => {
  api = new FakeAdminApi();
  for (const p of [SNEAKERS, SOCKS]) api.products.set(p.id, p);
  api.bulkOrders = [
    { id: "101", createdAt: "2026-10-01T10:00:00Z", productIds: ["1001", "1002"] },
    { id: "102", createdAt: "2026-10-02T10:00:00Z", productIds: ["1001", "1002", null] },
    { id: "103", createdAt: "2026-10-03T10:00:00Z", productIds: ["1001", "1003"] },
  ];
  // Shopify has finished by the time it sends the webhook: node(id:) answers COMPLETED at once.
  api.bulkPollsBeforeDone = 0;
  useFakeAdmin(api);
  await installShop();
  retryPolicy.sleep = async () => {};
});
afterEach(async () => {
  await backfillImportsSettled();
  Object.assign(retryPolicy, realPolicy);
});
afterAll(() => adminServer.close());

const args = (request: Request) => ({ request, params: {}, context: {} });
const startBackfill = async () => {
  const response = (await recommendationsAction(args(await formPost("/app/recommendations", { intent: "backfill" })))) as Response;
  expect(response.status).toBe(200);
  const row = await db.recommendationShop.findUniqueOrThrow({ where: { shop: TEST_SHOP } });
  expect(row.backfillStatus).toBe("RUNNING");
  return row.backfillId ?? "";
};
/** The page load that polls the backfill (decision 0084). */
const poll = async () =>
  ((await recommendationsLoader(args(await bearerRequest("/app/recommendations")))) as Awaited<ReturnType<typeof recommendationsLoader>>).backfill;

/** Shopify's sample payload (shopify.dev webhooks reference), for our operation. */
const finishPayload = (id: string, status = "completed", errorCode: string | null = null) => ({
  admin_graphql_api_id: id,
  completed_at: status === "completed" ? "2026-11-30T14:00:00-05:00" : null,
  created_at: "2026-11-30T13:58:00-05:00",
  error_code: errorCode,
  status,
  type: "query",
});
const deliver = (payload: unknown, eventId?: string) => bulkFinished(args(signedWebhook("bulk_operations/finish", payload, { eventId })));

const pairOrders = async () =>
  (
    await db.recommendationPair.findUnique({
      where: { shop_productA_productB: { shop: TEST_SHOP, productA: SNEAKERS.id, productB: SOCKS.id } },
    })
  )?.orders;
const shopOrders = async () => (await db.recommendationShop.findUniqueOrThrow({ where: { shop: TEST_SHOP } })).orders;

describe("bulk_operations/finish", () => {
  it("is subscribed in shopify.app.toml at the route that handles it", () => {
    const toml = readFileSync(path.resolve(__dirname, "../../shopify.app.toml"), "utf8");
    expect(toml).toMatch(/topics = \[ "bulk_operations\/finish" \]\n\s*uri = "\/webhooks\/bulk_operations\/finish"/);
  });

  it("completed: reads the operation by id, imports its file and counts each order once, with no page load", async () => {
    const id = await startBackfill();
    const response = await deliver(finishPayload(id));
    expect(response.status).toBe(200);
    await backfillImportsSettled();
    expect(await backfillStatus(TEST_SHOP)).toMatchObject({ status: "COMPLETED", orders: 3, error: null });
    expect(await shopOrders()).toBe(3n);
    expect(await pairOrders()).toBe(2n);
    expect(await db.recommendationOrder.count({ where: { shop: TEST_SHOP } })).toBe(3);
    // The webhook's one read by the stored id; no page load polled.
    expect(api.calls.filter((c) => c.operation === "TactfulBulkOperation").map((c) => c.variables.id)).toEqual([id]);
  });

  it("failed and canceled are stored exactly as the poll stores them", async () => {
    const storedBy = async (how: "webhook" | "poll", finishAs: "FAILED" | "CANCELED") => {
      const id = await startBackfill();
      const op = api.bulkOperations.get(id);
      if (!op) throw new Error("the fake did not start the operation");
      op.finishAs = finishAs;
      if (how === "webhook") {
        const response = await deliver(finishPayload(id, finishAs.toLowerCase(), finishAs === "FAILED" ? "timeout" : null));
        expect(response.status).toBe(200);
      } else await poll();
      const row = await db.recommendationShop.findUniqueOrThrow({ where: { shop: TEST_SHOP } });
      return { status: row.backfillStatus, error: row.backfillError, orders: row.orders };
    };
    for (const finishAs of ["FAILED", "CANCELED"] as const) {
      const viaWebhook = await storedBy("webhook", finishAs);
      expect(viaWebhook).toEqual(await storedBy("poll", finishAs));
      expect(viaWebhook.status).toBe("FAILED");
    }
    expect((await backfillStatus(TEST_SHOP)).error).toBe("Shopify's bulk operation ended CANCELED.");
    expect(await storedBy("webhook", "FAILED")).toEqual({
      status: "FAILED",
      error: "Shopify's bulk operation ended FAILED (TIMEOUT).",
      orders: 0n,
    });
  });

  it("a duplicate delivery, under the same or a new event id, counts the orders once", async () => {
    const id = await startBackfill();
    expect((await deliver(finishPayload(id), "evt-bulk-1")).status).toBe(200);
    await backfillImportsSettled();
    // Shopify's retry of the same event, and the same news under a new event id.
    expect((await deliver(finishPayload(id), "evt-bulk-1")).status).toBe(200);
    expect((await deliver(finishPayload(id), "evt-bulk-2")).status).toBe(200);
    await backfillImportsSettled();
    expect(await backfillStatus(TEST_SHOP)).toMatchObject({ status: "COMPLETED", orders: 3 });
    expect(await shopOrders()).toBe(3n);
    expect(await pairOrders()).toBe(2n);
    // The settled backfill is not even read again.
    expect(api.count("TactfulBulkOperation")).toBe(1);
  });

  it("a webhook arriving after a page load already imported changes nothing", async () => {
    const id = await startBackfill();
    expect(await poll()).toMatchObject({ status: "COMPLETED", orders: 3 });
    expect((await deliver(finishPayload(id))).status).toBe(200);
    await backfillImportsSettled();
    expect(await backfillStatus(TEST_SHOP)).toMatchObject({ status: "COMPLETED", orders: 3 });
    expect(await shopOrders()).toBe(3n);
    expect(await pairOrders()).toBe(2n);
    expect(api.count("TactfulBulkOperation")).toBe(1);
  });

  it("the order ledger alone keeps a second import of the same file from counting twice", async () => {
    const id = await startBackfill();
    await deliver(finishPayload(id));
    await backfillImportsSettled();
    // As if the RUNNING → IMPORTING claim had not held (a row restored, a crash between two imports):
    // the same operation is settled and imported again.
    await db.recommendationShop.update({ where: { shop: TEST_SHOP }, data: { backfillStatus: "RUNNING" } });
    expect((await deliver(finishPayload(id))).status).toBe(200);
    await backfillImportsSettled();
    // This import read all three orders and found each already counted.
    expect(await backfillStatus(TEST_SHOP)).toMatchObject({ status: "COMPLETED", orders: 0 });
    expect(api.count("TactfulBulkOperation")).toBe(2);
    expect(await shopOrders()).toBe(3n);
    expect(await pairOrders()).toBe(2n);
    expect(await db.recommendationOrder.count({ where: { shop: TEST_SHOP } })).toBe(3);
  });

  it("an unknown operation id, or another shop's backfill id, answers 200 and changes nothing", async () => {
    const ours = await startBackfill();
    const otherShop = "another-shop.myshopify.com";
    const theirs = "gid://shopify/BulkOperation/424242";
    await db.recommendationShop.create({ data: { shop: otherShop, backfillId: theirs, backfillStatus: "RUNNING" } });
    const before = await db.recommendationShop.findMany({ orderBy: { shop: "asc" } });
    for (const id of [theirs, "gid://shopify/BulkOperation/999999"]) {
      const response = await deliver(finishPayload(id));
      expect(response.status).toBe(200);
    }
    await backfillImportsSettled();
    expect(await db.recommendationShop.findMany({ orderBy: { shop: "asc" } })).toEqual(before);
    expect(api.count("TactfulBulkOperation")).toBe(0);
    // Ours is still running, and the poll still finishes it.
    expect(await poll()).toMatchObject({ status: "COMPLETED", orders: 3 });
    expect(ours).not.toBe(theirs);
  });

  it.each([
    ["an empty body", {}, /admin_graphql_api_id: .*expected string/i],
    ["another resource's GID", { ...finishPayload("gid://shopify/Order/1") }, /admin_graphql_api_id: must be a BulkOperation GID/],
    ["no status", { admin_graphql_api_id: "gid://shopify/BulkOperation/1", type: "query" }, /status: /],
    ["an array", [finishPayload("gid://shopify/BulkOperation/1")], /body: .*expected object/i],
  ])("a malformed payload (%s) answers 400 with a message and records nothing", async (_name, payload, message) => {
    await startBackfill();
    const response = await deliver(payload);
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toMatch(/^bulk_operations\/finish payload refused: /);
    expect(text).toMatch(message);
    expect(await db.processedWebhook.count()).toBe(0);
    expect((await backfillStatus(TEST_SHOP)).status).toBe("RUNNING");
  });

  it("Shopify unreachable: 503 with nothing recorded, and the redelivery imports", async () => {
    const id = await startBackfill();
    api.fail("TactfulBulkOperation", { kind: "http", status: 500 }, retryPolicy.maxAttempts);
    const refused = await deliver(finishPayload(id), "evt-bulk-retry");
    expect(refused.status).toBe(503);
    expect(await db.processedWebhook.count()).toBe(0);
    expect((await backfillStatus(TEST_SHOP)).status).toBe("RUNNING");
    expect((await deliver(finishPayload(id), "evt-bulk-retry")).status).toBe(200);
    await backfillImportsSettled();
    expect(await backfillStatus(TEST_SHOP)).toMatchObject({ status: "COMPLETED", orders: 3 });
  });

  it("Shopify still reporting the operation running answers 503, so the signal is delivered again", async () => {
    api.bulkPollsBeforeDone = 1;
    const id = await startBackfill();
    expect((await deliver(finishPayload(id), "evt-bulk-early")).status).toBe(503);
    expect((await backfillStatus(TEST_SHOP)).status).toBe("RUNNING");
    expect((await deliver(finishPayload(id), "evt-bulk-early")).status).toBe(200);
    await backfillImportsSettled();
    expect(await backfillStatus(TEST_SHOP)).toMatchObject({ status: "COMPLETED", orders: 3 });
  });
});
