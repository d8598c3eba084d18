import { describe, expect, it } from "vitest";
import db from "../../app/platform/db.server";
import { experimentResults } from "../../app/analytics/experiments.server";
import { getHeadlineFigures } from "../../app/analytics/figures.server";
import { promoteVariant, runAutoPromotions, setAutoPromote, undoPromotion } from "../../app/analytics/promotion.server";
import { withCleanDatabase } from "../helpers/db";
import { TEST_SHOP } from "../helpers/shopify-requests";
import { definition, seedEvents, seedExperimentOrders, seedOffer } from "./seed";

withCleanDatabase();

const abDefinition = definition({
  holdoutBps: 1000,
  abVariants: [
    { id: "a", weight: 50 },
    { id: "b", weight: 50, content: { en: { headline: "Socks, 10% off", body: "", accept: "Add", decline: "No thanks" } }, discount: { kind: "PERCENT", bps: 1000 } },
  ],
});
const now = Date.parse("2026-11-21T12:00:00Z");

async function seedClearWinner() {
  await seedOffer(abDefinition);
  await seedEvents(1000, { arm: "a", variant: "a" });
  await seedEvents(1000, { arm: "b", variant: "b" });
  await seedEvents(500, { arm: "holdout" });
  // The control's orders carry the storefront's "control" bucket in _tactful_ab.
  await seedExperimentOrders(30, { arm: "control", revenue: 4000 });
  await seedExperimentOrders(70, { arm: "b", revenue: 5000 });
  await seedExperimentOrders(10, { arm: "holdout", revenue: 4000 });
}

describe("A/B results", () => {
  it("count visitors and orders per arm, with the holdout apart and 'control' mapped to the control variant", async () => {
    await seedClearWinner();
    const r = await experimentResults(db, TEST_SHOP, "offer-1", "2026-11-01", "2026-11-30");
    const byArm = Object.fromEntries(r.arms.map((a) => [a.arm, a]));
    expect(byArm.a?.counts).toMatchObject({ visitors: 1000, conversions: 30, revenue: 120_000 });
    expect(byArm.b?.counts).toMatchObject({ visitors: 1000, conversions: 70, revenue: 350_000 });
    expect(byArm.holdout?.counts).toMatchObject({ visitors: 500, conversions: 10 });
    expect(byArm.b?.comparison?.pBeatsControl).toBeGreaterThan(0.99);
    expect(r.verdict).toMatchObject({ kind: "WINNER", arm: "b" });
    // Treated: 2000 visitors, 470,000 revenue -> 235/visitor; holdout 40,000/500 = 80/visitor; (235 - 80) x 2000.
    expect(r.incremental?.value).toBe(310_000);
  });

  it("give no verdict below the minimum sample", async () => {
    await seedOffer(abDefinition);
    await seedEvents(50, { arm: "a", variant: "a" });
    await seedEvents(50, { arm: "b", variant: "b" });
    await seedExperimentOrders(20, { arm: "b" });
    const r = await experimentResults(db, TEST_SHOP, "offer-1", "2026-11-01", "2026-11-30");
    expect(r.verdict.kind).toBe("NOT_ENOUGH_DATA");
  });

  it("headline figures report impressions, accept rate, attributed and incremental revenue for the period", async () => {
    await seedClearWinner();
    await seedEvents(100, { type: "ACCEPT", arm: "b", variant: "b" });
    await db.conversion.create({
      data: { shop: TEST_SHOP, orderId: "o1", lineId: "1", offerId: "offer-1", variant: "b", quantity: 1, revenue: 1620, currency: "EUR", presentmentRevenue: 1782, presentmentCurrency: "USD", orderedAt: new Date(now), day: "2026-11-20" },
    });
    const { rollupRange } = await import("../../app/analytics/rollup.server");
    await rollupRange(db, TEST_SHOP, "2026-11-01", "2026-11-30");
    const f = await getHeadlineFigures(TEST_SHOP, "2026-11-01", "2026-11-30", db, now);
    expect(f).toMatchObject({ impressions: 2000, accepts: 100, acceptRate: 0.05, attributedRevenue: 1620, currency: "EUR" });
    expect(f.incrementalRevenue?.value).toBe(310_000);
    expect(f.incrementalRevenue?.low).toBeLessThan(310_000);
  });
});

describe("promoting a winner", () => {
  it("auto-promote makes the winning variant the offer once, and the merchant can undo it", async () => {
    await seedClearWinner();
    await setAutoPromote(db, TEST_SHOP, "offer-1", true);
    const promoted = await runAutoPromotions(db, now);
    expect(promoted).toEqual([{ shop: TEST_SHOP, offerId: "offer-1", arm: "b" }]);
    const after = await db.offer.findUniqueOrThrow({ where: { id: "offer-1" } });
    const def = after.definition as { abVariants: unknown[]; discount: unknown; content: { en: { headline: string } }; holdoutBps: number };
    expect(def.abVariants).toEqual([]);
    expect(def.discount).toEqual({ kind: "PERCENT", bps: 1000 });
    expect(def.content.en.headline).toBe("Socks, 10% off");
    expect(def.holdoutBps).toBe(1000);
    // A second run has nothing left to decide.
    expect(await runAutoPromotions(db, now)).toEqual([]);

    const p = await db.promotion.findFirstOrThrow();
    expect(await undoPromotion(db, TEST_SHOP, p.id)).toMatchObject({ ok: true });
    const restored = await db.offer.findUniqueOrThrow({ where: { id: "offer-1" } });
    expect((restored.definition as { abVariants: Array<{ id: string }> }).abVariants.map((v) => v.id)).toEqual(["a", "b"]);
    expect((await db.experimentSettings.findFirstOrThrow()).autoPromote).toBe(false);
    expect(await undoPromotion(db, TEST_SHOP, p.id)).toMatchObject({ ok: false });
  });

  it("undo refuses to overwrite an edit made after the promotion", async () => {
    await seedOffer(abDefinition);
    const out = await promoteVariant(db, TEST_SHOP, "offer-1", "b", "MERCHANT");
    if (!out.ok) throw new Error(out.error);
    await db.offer.update({ where: { id: "offer-1" }, data: { name: "Edited", version: { increment: 1 } } });
    const undo = await undoPromotion(db, TEST_SHOP, out.promotionId);
    expect(undo).toMatchObject({ ok: false });
    expect((await db.offer.findUniqueOrThrow({ where: { id: "offer-1" } })).name).toBe("Edited");
  });
});
