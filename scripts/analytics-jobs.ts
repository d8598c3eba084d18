// npm run jobs:rollup — roll up yesterday and today for every active shop, then auto-promote decided winners,
//                      advance co-purchase backfills and keep each shop's co-purchase data within its bounds.
// npm run jobs:prune  — roll up and delete raw events past each shop's retention (default 90 days).
// Both are idempotent: run them from cron as often as you like, and twice is harmless.
import db from "../app/platform/db.server";
import { rollupRecent } from "../app/analytics/rollup.server";
import { pruneEvents } from "../app/analytics/retention.server";
import { runAutoPromotions } from "../app/analytics/promotion.server";
import { pruneCarriedMemory } from "../app/post-purchase/carried-memory.server";
import { trimAllRecommendationData } from "../app/recommendations/recommendations.server";

async function syncPromotedShops(shops: string[]) {
  if (!shops.length) return;
  // Loaded only when needed: it reads the Shopify app configuration from the environment.
  const { unauthenticated } = await import("../app/shopify.server");
  const { syncShop } = await import("../app/shopify/sync.server");
  for (const shop of shops) {
    try {
      const { admin } = await unauthenticated.admin(shop);
      const result = await syncShop(shop, admin);
      console.log(`sync ${shop}: ${result.ok ? "ok" : result.error}`);
    } catch (error) {
      console.error(`sync ${shop} failed; the Home page shows the sync state and offers a retry:`, error instanceof Error ? error.message : error);
    }
  }
}

/** Backfills Shopify finished while no one had the recommendations page open. */
async function checkBackfills() {
  if (!(await db.recommendationShop.count({ where: { backfillStatus: "RUNNING" } }))) return;
  const { unauthenticated } = await import("../app/shopify.server");
  const { checkRunningBackfills } = await import("../app/recommendations/backfill.server");
  const checked = await checkRunningBackfills(async (shop) => (await unauthenticated.admin(shop)).admin);
  for (const s of checked) console.log(`co-purchase backfill: ${s.status}${s.error ? ` (${s.error})` : ""}`);
}

const job = process.argv[2];
try {
  if (job === "rollup") {
    const r = await rollupRecent(db);
    console.log(`rollup: ${r.days} shop-days across ${r.shops} shops`);
    const promoted = await runAutoPromotions(db);
    for (const p of promoted) console.log(`auto-promoted variant ${p.arm} of offer ${p.offerId} (${p.shop})`);
    await syncPromotedShops([...new Set(promoted.map((p) => p.shop))]);
    await checkBackfills();
    const trimmed = await trimAllRecommendationData(db);
    console.log(`co-purchase: ${trimmed.shops} shops within bounds (dropped ${trimmed.ledger} ledger rows, ${trimmed.products} products, ${trimmed.pairs} pairs)`);
  } else if (job === "prune") {
    const r = await pruneEvents(db);
    console.log(`prune: ${r.deleted} events from ${r.days} shop-days across ${r.shops} shops`);
    console.log(`prune: ${await pruneCarriedMemory()} carried memories older than a day (links of kept post-purchase rows stay)`);
  } else {
    console.error("usage: analytics-jobs.ts rollup|prune");
    process.exitCode = 2;
  }
} finally {
  await db.$disconnect();
}
