-- CreateTable
CREATE TABLE "AnalyticsEvent" (
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
    "value" INTEGER,
    "currency" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shop", "id")
);

-- CreateTable
CREATE TABLE "Conversion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "lineId" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "variant" TEXT,
    "quantity" INTEGER NOT NULL,
    "revenue" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "presentmentRevenue" INTEGER NOT NULL,
    "presentmentCurrency" TEXT NOT NULL,
    "customerHash" TEXT,
    "orderedAt" DATETIME NOT NULL,
    "day" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ExperimentOrder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "arm" TEXT NOT NULL,
    "revenue" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "presentmentRevenue" INTEGER NOT NULL,
    "presentmentCurrency" TEXT NOT NULL,
    "customerHash" TEXT,
    "orderedAt" DATETIME NOT NULL,
    "day" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "DailyStat" (
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
    "revenue" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "day", "offerId", "arm", "moment")
);

-- CreateTable
CREATE TABLE "IngestDrop" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "events" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("shop", "day", "reason")
);

-- CreateTable
CREATE TABLE "AnalyticsSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "retentionDays" INTEGER NOT NULL DEFAULT 90
);

-- CreateTable
CREATE TABLE "ExperimentSettings" (
    "shop" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "autoPromote" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("shop", "offerId")
);

-- CreateTable
CREATE TABLE "Promotion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "variant" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "previousDefinition" JSONB NOT NULL,
    "previousVersion" INTEGER NOT NULL,
    "promotedVersion" INTEGER NOT NULL,
    "summary" JSONB,
    "promotedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revertedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "AnalyticsEvent_shop_day_idx" ON "AnalyticsEvent"("shop", "day");

-- CreateIndex
CREATE INDEX "AnalyticsEvent_shop_offerId_day_idx" ON "AnalyticsEvent"("shop", "offerId", "day");

-- CreateIndex
CREATE INDEX "AnalyticsEvent_shop_customerHash_idx" ON "AnalyticsEvent"("shop", "customerHash");

-- CreateIndex
CREATE INDEX "Conversion_shop_offerId_day_idx" ON "Conversion"("shop", "offerId", "day");

-- CreateIndex
CREATE INDEX "Conversion_shop_customerHash_idx" ON "Conversion"("shop", "customerHash");

-- CreateIndex
CREATE UNIQUE INDEX "Conversion_shop_orderId_lineId_key" ON "Conversion"("shop", "orderId", "lineId");

-- CreateIndex
CREATE INDEX "ExperimentOrder_shop_offerId_day_idx" ON "ExperimentOrder"("shop", "offerId", "day");

-- CreateIndex
CREATE INDEX "ExperimentOrder_shop_customerHash_idx" ON "ExperimentOrder"("shop", "customerHash");

-- CreateIndex
CREATE UNIQUE INDEX "ExperimentOrder_shop_orderId_offerId_key" ON "ExperimentOrder"("shop", "orderId", "offerId");

-- CreateIndex
CREATE INDEX "Promotion_shop_offerId_idx" ON "Promotion"("shop", "offerId");

