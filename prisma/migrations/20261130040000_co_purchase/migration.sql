-- CreateTable
CREATE TABLE "RecommendationShop" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "orders" BIGINT NOT NULL DEFAULT 0,
    "ledgerFloorMs" BIGINT NOT NULL DEFAULT 0,
    "prunedPairsUpTo" BIGINT NOT NULL DEFAULT 0,
    "backfillId" TEXT,
    "backfillStatus" TEXT NOT NULL DEFAULT 'NONE',
    "backfillError" TEXT,
    "backfillOrders" INTEGER NOT NULL DEFAULT 0,
    "backfillStartedAt" DATETIME,
    "backfillFinishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RecommendationProduct" (
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "orders" BIGINT NOT NULL DEFAULT 0,

    PRIMARY KEY ("shop", "productId")
);

-- CreateTable
CREATE TABLE "RecommendationPair" (
    "shop" TEXT NOT NULL,
    "productA" TEXT NOT NULL,
    "productB" TEXT NOT NULL,
    "orders" BIGINT NOT NULL DEFAULT 0,

    PRIMARY KEY ("shop", "productA", "productB")
);

-- CreateTable
CREATE TABLE "RecommendationOrder" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderedAt" BIGINT NOT NULL,

    PRIMARY KEY ("shop", "orderId")
);

-- CreateTable
CREATE TABLE "RecommendationOverride" (
    "shop" TEXT NOT NULL,
    "triggerProductId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shop", "triggerProductId", "productId")
);

-- CreateIndex
CREATE INDEX "RecommendationProduct_shop_orders_idx" ON "RecommendationProduct"("shop", "orders");

-- CreateIndex
CREATE INDEX "RecommendationPair_shop_productB_idx" ON "RecommendationPair"("shop", "productB");

-- CreateIndex
CREATE INDEX "RecommendationPair_shop_orders_idx" ON "RecommendationPair"("shop", "orders");

-- CreateIndex
CREATE INDEX "RecommendationOrder_shop_orderedAt_idx" ON "RecommendationOrder"("shop", "orderedAt");

