-- CreateTable
CREATE TABLE "CarriedMemory" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "checkoutToken" TEXT,
    "orderToken" TEXT,
    "memory" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shop", "orderId")
);

-- CreateIndex
CREATE INDEX "CarriedMemory_shop_checkoutToken_idx" ON "CarriedMemory"("shop", "checkoutToken");

-- CreateIndex
CREATE INDEX "CarriedMemory_shop_orderToken_idx" ON "CarriedMemory"("shop", "orderToken");

-- CreateIndex
CREATE INDEX "CarriedMemory_receivedAt_idx" ON "CarriedMemory"("receivedAt");

