import type { PrismaClient } from "@prisma/client";
import { describe, expect, it } from "vitest";
import db from "../../app/platform/db.server";
import { analyticsOverview, offerAnalytics } from "../../app/analytics/analytics-pages.server";
import { rollupRange } from "../../app/analytics/rollup.server";
import { withCleanDatabase } from "../helpers/db";
import { TEST_SHOP } from "../helpers/shopify-requests";
import { definition, seedEvents, seedExperimentOrders, seedOffer } from "./seed";

/*
 * The analytics pages ask the database a fixed number of times, however many
 * offers run a holdout (decision 0088): Home and Analytics used to ask three
 * times more per such offer, about 40 × 13 ms on a shop with 1,000 offers.
 * Statements are counted, not timed, so the test means the same on any machine.
 */

withCleanDatabase();

const DAY = "2026-11-20"; // in the past: the pages do not roll it up on read
const PERIOD = ["2026-11-01", "2026-11-28"] as const;

function counting(): { client: PrismaClient; statements: () => number } {
  let n = 0;
  const client = db.$extends({
    query: {
      async $allOperations({ args, query }) {
        n++;
        return query(args);
      },
    },
  });
  return { client: client as unknown as PrismaClient, statements: () => n };
}

async function seedHoldoutOffer(id: string) {
  await seedOffer(definition({ holdoutBps: 1000 }), id);
  await seedEvents(40, { offerId: id, arm: "", day: DAY });
  await seedEvents(10, { offerId: id, arm: "holdout", day: DAY });
  await seedExperimentOrders(6, { offerId: id, arm: "", revenue: 6000, day: DAY });
  await seedExperimentOrders(1, { offerId: id, arm: "holdout", revenue: 5000, day: DAY });
}

async function overviewStatements() {
  await rollupRange(db, TEST_SHOP, DAY, DAY);
  const { client, statements } = counting();
  const page = await analyticsOverview(TEST_SHOP, ...PERIOD, client);
  return { page, statements: statements() };
}

describe("statements per analytics page", () => {
  it("the Analytics page and Home's figures ask as often for twelve offers with a holdout as for one", async () => {
    await seedHoldoutOffer("offer-1");
    const one = await overviewStatements();
    expect(one.page.figures.incrementalRevenue).not.toBeNull();
    expect(one.page.rows).toHaveLength(1);

    for (let i = 2; i <= 12; i++) await seedHoldoutOffer(`offer-${i}`);
    const twelve = await overviewStatements();
    expect(twelve.page.rows).toHaveLength(12);
    // Twelve offers' worth of incremental revenue: the same per offer, summed.
    expect(twelve.page.figures.incrementalRevenue?.value).toBeCloseTo((one.page.figures.incrementalRevenue?.value ?? NaN) * 12, 6);
    expect(twelve.statements).toBe(one.statements);
    expect(one.statements).toBeLessThanOrEqual(8);
  });

  it("an offer's page reads its orders summed per arm, in a fixed few statements", async () => {
    await seedHoldoutOffer("offer-1");
    await rollupRange(db, TEST_SHOP, DAY, DAY);
    const { client, statements } = counting();
    const page = await offerAnalytics(TEST_SHOP, "offer-1", ...PERIOD, client);
    expect(page.funnel.impressions).toBe(40);
    expect(page.results.arms.map((a) => [a.arm, a.counts.visitors, a.counts.conversions])).toEqual([
      ["treated", 40, 6],
      ["holdout", 10, 1],
    ]);
    expect(statements()).toBeLessThanOrEqual(8);
  });
});
