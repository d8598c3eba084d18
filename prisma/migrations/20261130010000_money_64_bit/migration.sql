-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AnalyticsEvent" (
    "shop" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "variant" TEXT,
    "bucket" TEXT,
    "arm" TEXT NOT NULL DEFAULT '',
    "moment" TEXT NOT NULL,
    "visitor" TEXT NOT NULL,
    "session" TEXT NOT NULL,
    "customerHash" TEXT,
    "ts" DATETIME NOT NULL,
    "day" TEXT NOT NULL,
    "value" BIGINT,
    "currency" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shop", "id")
);
INSERT INTO "new_AnalyticsEvent" ("arm", "bucket", "currency", "customerHash", "day", "id", "moment", "offerId", "receivedAt", "session", "shop", "ts", "type", "value", "variant", "visitor") SELECT "arm", "bucket", "currency", "customerHash", "day", "id", "moment", "offerId", "receivedAt", "session", "shop", "ts", "type", "value", "variant", "visitor" FROM "AnalyticsEvent";
DROP TABLE "AnalyticsEvent";
ALTER TABLE "new_AnalyticsEvent" RENAME TO "AnalyticsEvent";
CREATE INDEX "AnalyticsEvent_shop_day_idx" ON "AnalyticsEvent"("shop", "day");
CREATE INDEX "AnalyticsEvent_shop_offerId_day_idx" ON "AnalyticsEvent"("shop", "offerId", "day");
CREATE INDEX "AnalyticsEvent_shop_customerHash_idx" ON "AnalyticsEvent"("shop", "customerHash");
CREATE TABLE "new_Conversion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "lineId" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "variant" TEXT,
    "quantity" INTEGER NOT NULL,
    "revenue" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "presentmentRevenue" BIGINT NOT NULL,
    "presentmentCurrency" TEXT NOT NULL,
    "customerHash" TEXT,
    "orderedAt" DATETIME NOT NULL,
    "day" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Conversion" ("createdAt", "currency", "customerHash", "day", "id", "lineId", "offerId", "orderId", "orderedAt", "presentmentCurrency", "presentmentRevenue", "quantity", "revenue", "shop", "variant") SELECT "createdAt", "currency", "customerHash", "day", "id", "lineId", "offerId", "orderId", "orderedAt", "presentmentCurrency", "presentmentRevenue", "quantity", "revenue", "shop", "variant" FROM "Conversion";
DROP TABLE "Conversion";
ALTER TABLE "new_Conversion" RENAME TO "Conversion";
CREATE INDEX "Conversion_shop_offerId_day_idx" ON "Conversion"("shop", "offerId", "day");
CREATE INDEX "Conversion_shop_customerHash_idx" ON "Conversion"("shop", "customerHash");
CREATE UNIQUE INDEX "Conversion_shop_orderId_lineId_key" ON "Conversion"("shop", "orderId", "lineId");
CREATE TABLE "new_ExperimentOrder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "arm" TEXT NOT NULL,
    "revenue" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "presentmentRevenue" BIGINT NOT NULL,
    "presentmentCurrency" TEXT NOT NULL,
    "customerHash" TEXT,
    "orderedAt" DATETIME NOT NULL,
    "day" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_ExperimentOrder" ("arm", "createdAt", "currency", "customerHash", "day", "id", "offerId", "orderId", "orderedAt", "presentmentCurrency", "presentmentRevenue", "revenue", "shop") SELECT "arm", "createdAt", "currency", "customerHash", "day", "id", "offerId", "orderId", "orderedAt", "presentmentCurrency", "presentmentRevenue", "revenue", "shop" FROM "ExperimentOrder";
DROP TABLE "ExperimentOrder";
ALTER TABLE "new_ExperimentOrder" RENAME TO "ExperimentOrder";
CREATE INDEX "ExperimentOrder_shop_offerId_day_idx" ON "ExperimentOrder"("shop", "offerId", "day");
CREATE INDEX "ExperimentOrder_shop_customerHash_idx" ON "ExperimentOrder"("shop", "customerHash");
CREATE UNIQUE INDEX "ExperimentOrder_shop_orderId_offerId_key" ON "ExperimentOrder"("shop", "orderId", "offerId");
CREATE TABLE "new_DailyStat" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "arm" TEXT NOT NULL,
    "moment" TEXT NOT NULL,
    "impressions" INTEGER NOT NULL DEFAULT 0,
    "clicks" INTEGER NOT NULL DEFAULT 0,
    "accepts" INTEGER NOT NULL DEFAULT 0,
    "declines" INTEGER NOT NULL DEFAULT 0,
    "visitors" INTEGER NOT NULL DEFAULT 0,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "revenue" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "day", "offerId", "arm", "moment")
);
INSERT INTO "new_DailyStat" ("accepts", "arm", "clicks", "day", "declines", "impressions", "moment", "offerId", "orders", "revenue", "shop", "updatedAt", "visitors") SELECT "accepts", "arm", "clicks", "day", "declines", "impressions", "moment", "offerId", "orders", "revenue", "shop", "updatedAt", "visitors" FROM "DailyStat";
DROP TABLE "DailyStat";
ALTER TABLE "new_DailyStat" RENAME TO "DailyStat";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

