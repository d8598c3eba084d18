-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProcessedWebhook" (
    "eventId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "processedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "triggeredAt" DATETIME,

    PRIMARY KEY ("shop", "eventId")
);
INSERT INTO "new_ProcessedWebhook" ("eventId", "processedAt", "shop", "topic", "triggeredAt") SELECT "eventId", "processedAt", "shop", "topic", "triggeredAt" FROM "ProcessedWebhook";
DROP TABLE "ProcessedWebhook";
ALTER TABLE "new_ProcessedWebhook" RENAME TO "ProcessedWebhook";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

