import { describe, expect, it } from "vitest";
import db from "../../app/platform/db.server";
import { rollupDay, rollupRange } from "../../app/analytics/rollup.server";
import { pruneEvents } from "../../app/analytics/retention.server";
import { withCleanDatabase } from "../helpers/db";
import { TEST_SHOP } from "../helpers/shopify-requests";
import { seedEvents } from "./seed";

withCleanDatabase();

const stat = (offerId: string, arm: string, moment: string, day = "2026-11-20") =>
  db.dailyStat.findUniqueOrThrow({ where: { shop_day_offerId_arm_moment: { shop: TEST_SHOP, day, offerId, arm, moment } } });

async function conversion(orderId: string, variant: string | null, revenue: number, day = "2026-11-20") {
  await db.conversion.create({
    data: { shop: TEST_SHOP, orderId, lineId: orderId + "-1", offerId: "offer-1", variant, quantity: 1, revenue, currency: "EUR", presentmentRevenue: revenue, presentmentCurrency: "EUR", orderedAt: new Date(`${day}T10:00:00Z`), day },
  });
}

describe("daily rollups", () => {
  it("count impressions, clicks, accepts, declines and visitors per offer x variant x moment, and orders and revenue per variant", async () => {
    await seedEvents(6, { arm: "a", variant: "a", visitor: (i) => `v${i % 3}` });
    await seedEvents(2, { type: "CLICK", arm: "a", variant: "a" });
    await seedEvents(1, { type: "ACCEPT", arm: "a", variant: "a" });
    await seedEvents(1, { type: "DECLINE", arm: "a", variant: "a" });
    await seedEvents(4, { arm: "a", variant: "a", moment: "ADD_TO_CART" });
    await seedEvents(3, { arm: "holdout" });
    await conversion("o1", "a", 1800);
    await conversion("o2", "a", 900);
    await rollupDay(db, TEST_SHOP, "2026-11-20");

    expect(await stat("offer-1", "a", "CART")).toMatchObject({ impressions: 6, clicks: 2, accepts: 1, declines: 1, visitors: 3 });
    expect(await stat("offer-1", "a", "ADD_TO_CART")).toMatchObject({ impressions: 4, visitors: 4 });
    expect(await stat("offer-1", "holdout", "CART")).toMatchObject({ impressions: 3 });
    expect(await stat("offer-1", "a", "")).toMatchObject({ orders: 2, revenue: 2700n, impressions: 0 });
  });

  it("are recomputable: running twice, or again after late events, gives exact counts", async () => {
    await seedEvents(5, {});
    await rollupDay(db, TEST_SHOP, "2026-11-20");
    await rollupDay(db, TEST_SHOP, "2026-11-20");
    expect((await stat("offer-1", "", "CART")).impressions).toBe(5);
    await seedEvents(2, {});
    await rollupRange(db, TEST_SHOP, "2026-11-19", "2026-11-21");
    expect((await stat("offer-1", "", "CART")).impressions).toBe(7);
    expect(await db.dailyStat.count()).toBe(1);
  });

  // The pages roll up today on every load: unchanged rows are left alone (decision 0088).
  it("rewrite only the cells that changed, and drop the cells whose events are gone", async () => {
    await seedEvents(3, { offerId: "offer-1" });
    await seedEvents(4, { offerId: "offer-2" });
    await seedEvents(2, { offerId: "offer-3" });
    await conversion("o1", null, 1500);
    await rollupDay(db, TEST_SHOP, "2026-11-20");
    const before = new Map((await db.dailyStat.findMany()).map((r) => [`${r.offerId}|${r.moment}`, r]));
    expect([...before.keys()].sort()).toEqual(["offer-1|", "offer-1|CART", "offer-2|CART", "offer-3|CART"]);

    await seedEvents(1, { offerId: "offer-2" });
    await db.analyticsEvent.deleteMany({ where: { offerId: "offer-3" } });
    await rollupDay(db, TEST_SHOP, "2026-11-20");
    const after = new Map((await db.dailyStat.findMany()).map((r) => [`${r.offerId}|${r.moment}`, r]));
    expect([...after.keys()].sort()).toEqual(["offer-1|", "offer-1|CART", "offer-2|CART"]);
    expect(after.get("offer-2|CART")).toMatchObject({ impressions: 5, visitors: 5 });
    // Not rewritten: the same row, to the millisecond.
    expect(after.get("offer-1|CART")).toEqual(before.get("offer-1|CART"));
    expect(after.get("offer-1|")).toEqual(before.get("offer-1|"));
    expect(after.get("offer-1|")).toMatchObject({ orders: 1, revenue: 1500n });
  });
});

describe("retention", () => {
  const now = Date.parse("2026-11-22T03:00:00Z");

  it("prunes raw events older than 90 days by default, keeping their daily counts, and is safe to run twice", async () => {
    await seedEvents(4, { day: "2026-08-23" }); // 91 days before 2026-11-22
    await seedEvents(2, { day: "2026-08-24" }); // exactly 90 days: kept
    await conversion("o-old", null, 1000, "2026-08-23");
    const first = await pruneEvents(db, now);
    expect(first).toMatchObject({ days: 1, deleted: 4 });
    expect(await db.analyticsEvent.count()).toBe(2);
    expect((await stat("offer-1", "", "CART", "2026-08-23")).impressions).toBe(4);

    const second = await pruneEvents(db, now);
    expect(second).toMatchObject({ days: 0, deleted: 0 });
    // A later rollup of a pruned day keeps its event counts and refreshes orders.
    await rollupDay(db, TEST_SHOP, "2026-08-23");
    expect((await stat("offer-1", "", "CART", "2026-08-23")).impressions).toBe(4);
    expect((await stat("offer-1", "", "", "2026-08-23")).revenue).toBe(1000n);
  });

  it("follows a shop's configured retention", async () => {
    await db.analyticsSettings.create({ data: { shop: TEST_SHOP, retentionDays: 7 } });
    await seedEvents(3, { day: "2026-11-10" });
    await seedEvents(3, { day: "2026-11-10", shop: "other.myshopify.com" });
    await pruneEvents(db, now);
    expect(await db.analyticsEvent.count({ where: { shop: TEST_SHOP } })).toBe(0);
    expect(await db.analyticsEvent.count({ where: { shop: "other.myshopify.com" } })).toBe(3);
  });
});
