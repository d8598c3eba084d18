-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" TIMESTAMP(3),
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedWebhook" (
    "eventId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "processedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedWebhook_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "ShopSettings" (
    "shop" TEXT NOT NULL,
    "capBps" INTEGER NOT NULL DEFAULT 2500,
    "maxPerSession" INTEGER NOT NULL DEFAULT 1,
    "cooldownDays" INTEGER NOT NULL DEFAULT 7,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "defaultLocale" TEXT NOT NULL DEFAULT 'en',
    "style" JSONB,
    "texts" JSONB,
    "syncStatus" TEXT NOT NULL DEFAULT 'NEVER',
    "syncError" TEXT,
    "syncedAt" TIMESTAMP(3),
    "discountId" TEXT,
    "previewedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "Offer" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "type" TEXT NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "moments" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "definition" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Offer_pkey" PRIMARY KEY ("id")
);

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
    "ts" TIMESTAMP(3) NOT NULL,
    "day" TEXT NOT NULL,
    "value" INTEGER,
    "currency" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnalyticsEvent_pkey" PRIMARY KEY ("shop","id")
);

-- CreateTable
CREATE TABLE "Conversion" (
    "id" TEXT NOT NULL,
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
    "orderedAt" TIMESTAMP(3) NOT NULL,
    "day" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Conversion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExperimentOrder" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "arm" TEXT NOT NULL,
    "revenue" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "presentmentRevenue" INTEGER NOT NULL,
    "presentmentCurrency" TEXT NOT NULL,
    "customerHash" TEXT,
    "orderedAt" TIMESTAMP(3) NOT NULL,
    "day" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExperimentOrder_pkey" PRIMARY KEY ("id")
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
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DailyStat_pkey" PRIMARY KEY ("shop","day","offerId","arm","moment")
);

-- CreateTable
CREATE TABLE "IngestDrop" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "events" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "IngestDrop_pkey" PRIMARY KEY ("shop","day","reason")
);

-- CreateTable
CREATE TABLE "AnalyticsSettings" (
    "shop" TEXT NOT NULL,
    "retentionDays" INTEGER NOT NULL DEFAULT 90,

    CONSTRAINT "AnalyticsSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "ExperimentSettings" (
    "shop" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "autoPromote" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ExperimentSettings_pkey" PRIMARY KEY ("shop","offerId")
);

-- CreateTable
CREATE TABLE "Promotion" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "variant" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "previousDefinition" JSONB NOT NULL,
    "previousVersion" INTEGER NOT NULL,
    "promotedVersion" INTEGER NOT NULL,
    "summary" JSONB,
    "promotedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revertedAt" TIMESTAMP(3),

    CONSTRAINT "Promotion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE INDEX "ProcessedWebhook_shop_idx" ON "ProcessedWebhook"("shop");

-- CreateIndex
CREATE INDEX "Offer_shop_status_idx" ON "Offer"("shop", "status");

-- CreateIndex
CREATE INDEX "Offer_shop_updatedAt_idx" ON "Offer"("shop", "updatedAt");

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

