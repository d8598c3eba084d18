-- CreateTable
CREATE TABLE "PostPurchaseOffer" (
    "shop" TEXT NOT NULL,
    "referenceId" TEXT NOT NULL,
    "offerId" TEXT,
    "customerHash" TEXT,
    "bucket" TEXT,
    "abVariant" TEXT,
    "status" TEXT NOT NULL,
    "changesetId" TEXT,
    "valueMinor" BIGINT,
    "currency" TEXT,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "PostPurchaseOffer_pkey" PRIMARY KEY ("shop","referenceId")
);

-- CreateIndex
CREATE INDEX "PostPurchaseOffer_shop_customerHash_offerId_idx" ON "PostPurchaseOffer"("shop", "customerHash", "offerId");

