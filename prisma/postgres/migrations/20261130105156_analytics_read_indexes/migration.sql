-- DropIndex
DROP INDEX "ExperimentOrder_shop_offerId_day_idx";

-- CreateIndex
CREATE INDEX "ExperimentOrder_arms_idx" ON "ExperimentOrder"("shop", "offerId", "day", "arm", "revenue", "currency");

-- CreateIndex
CREATE INDEX "ExperimentOrder_holdout_idx" ON "ExperimentOrder"("shop", "arm", "day", "offerId");

-- CreateIndex
CREATE INDEX "DailyStat_shop_offerId_day_idx" ON "DailyStat"("shop", "offerId", "day");

-- CreateIndex
CREATE INDEX "DailyStat_sums_idx" ON "DailyStat"("shop", "day", "arm", "offerId", "impressions", "clicks", "accepts", "declines", "orders", "revenue");

