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
    "decidedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" DATETIME,

    PRIMARY KEY ("shop", "referenceId")
);

-- CreateIndex
CREATE INDEX "PostPurchaseOffer_shop_customerHash_offerId_idx" ON "PostPurchaseOffer"("shop", "customerHash", "offerId");

