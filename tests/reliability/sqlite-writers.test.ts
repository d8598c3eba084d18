import "./short-busy-timeout";
import { describe, expect, it } from "vitest";
import db, { sqliteFilePath } from "../../app/platform/db.server";
import { promoteVariant, undoPromotion } from "../../app/analytics/promotion.server";
import { withCleanDatabase } from "../helpers/db";
import { holdWriteLock } from "../helpers/sqlite-lock";
import { TEST_SHOP } from "../helpers/shopify-requests";
import { definition, seedOffer } from "../analytics/seed";

/*
 * SQLite has one writer at a time. With the app and a cron job (rollups,
 * auto-promotion) in separate processes, each must wait for the other's
 * lock within the busy timeout, not fail at once: a transaction that reads
 * before it writes is refused immediately (SQLITE_BUSY) when another
 * connection holds the lock, so such transactions take the lock first
 * (decision 0049).
 */

withCleanDatabase();

const databaseUrl = process.env.DATABASE_URL ?? "";

describe.runIf(databaseUrl.startsWith("file:"))("SQLite writers in other processes (SQLite only: Postgres has row locks)", () => {
  it("promoting an A/B winner, and undoing it, wait for another process's write lock instead of failing", async () => {
    await seedOffer(
      definition({
        abVariants: [
          { id: "a", weight: 50 },
          { id: "b", weight: 50, discount: { kind: "PERCENT", bps: 1000 } },
        ],
      }),
    );
    // Released by the worker 100 ms in, within the 300 ms busy timeout (short-busy-timeout.ts).
    let lock = await holdWriteLock(sqliteFilePath(databaseUrl), 100);
    const promoted = await promoteVariant(db, TEST_SHOP, "offer-1", "b", "MERCHANT");
    await lock.released;
    if (!promoted.ok) throw new Error(promoted.error);
    expect((await db.offer.findUniqueOrThrow({ where: { id: "offer-1" } })).definition).toMatchObject({ abVariants: [], discount: { kind: "PERCENT", bps: 1000 } });

    lock = await holdWriteLock(sqliteFilePath(databaseUrl), 100);
    const undone = await undoPromotion(db, TEST_SHOP, promoted.promotionId);
    await lock.released;
    expect(undone).toMatchObject({ ok: true });
  });
});
