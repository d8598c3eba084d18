-- DropIndex
DROP INDEX "AnalyticsEvent_shop_day_idx";

-- DropIndex
DROP INDEX "AnalyticsEvent_shop_offerId_day_idx";

-- CreateIndex
CREATE INDEX "AnalyticsEvent_rollup_idx" ON "AnalyticsEvent"("shop", "day", "offerId", "arm", "moment", "visitor", "session", "type");

-- CreateIndex
CREATE INDEX "AnalyticsEvent_visitors_idx" ON "AnalyticsEvent"("shop", "offerId", "type", "day", "arm", "visitor");

-- CreateIndex
CREATE INDEX "DailyStat_shop_offerId_day_idx" ON "DailyStat"("shop", "offerId", "day");

