-- CreateTable
CREATE TABLE "RecommendationShop" (
    "shop" TEXT NOT NULL,
    "orders" BIGINT NOT NULL DEFAULT 0,
    "ledgerFloorMs" BIGINT NOT NULL DEFAULT 0,
    "prunedPairsUpTo" BIGINT NOT NULL DEFAULT 0,
    "backfillId" TEXT,
    "backfillStatus" TEXT NOT NULL DEFAULT 'NONE',
    "backfillError" TEXT,
    "backfillOrders" INTEGER NOT NULL DEFAULT 0,
    "backfillStartedAt" TIMESTAMP(3),
    "backfillFinishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RecommendationShop_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "RecommendationProduct" (
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "orders" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "RecommendationProduct_pkey" PRIMARY KEY ("shop","productId")
);

-- CreateTable
CREATE TABLE "RecommendationPair" (
    "shop" TEXT NOT NULL,
    "productA" TEXT NOT NULL,
    "productB" TEXT NOT NULL,
    "orders" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "RecommendationPair_pkey" PRIMARY KEY ("shop","productA","productB")
);

-- CreateTable
CREATE TABLE "RecommendationOrder" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderedAt" BIGINT NOT NULL,

    CONSTRAINT "RecommendationOrder_pkey" PRIMARY KEY ("shop","orderId")
);

-- CreateTable
CREATE TABLE "RecommendationOverride" (
    "shop" TEXT NOT NULL,
    "triggerProductId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecommendationOverride_pkey" PRIMARY KEY ("shop","triggerProductId","productId")
);

-- CreateIndex
CREATE INDEX "RecommendationProduct_shop_orders_idx" ON "RecommendationProduct"("shop", "orders");

-- CreateIndex
CREATE INDEX "RecommendationPair_shop_productB_idx" ON "RecommendationPair"("shop", "productB");

-- CreateIndex
CREATE INDEX "RecommendationPair_shop_orders_idx" ON "RecommendationPair"("shop", "orders");

-- CreateIndex
CREATE INDEX "RecommendationOrder_shop_orderedAt_idx" ON "RecommendationOrder"("shop", "orderedAt");

