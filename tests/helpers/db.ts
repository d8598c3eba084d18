import { beforeEach } from "vitest";
import db from "../../app/platform/db.server";
import { forgetInstalled } from "../../app/analytics/proxy-auth.server";

/** Each test starts from empty tables, so counts and lookups mean what they say. */
export function withCleanDatabase() {
  beforeEach(async () => {
    await db.$transaction([
      db.processedWebhook.deleteMany(),
      db.offer.deleteMany(),
      db.shopSettings.deleteMany(),
      db.session.deleteMany(),
      db.analyticsEvent.deleteMany(),
      db.conversion.deleteMany(),
      db.experimentOrder.deleteMany(),
      db.dailyStat.deleteMany(),
      db.ingestDrop.deleteMany(),
      db.analyticsSettings.deleteMany(),
      db.experimentSettings.deleteMany(),
      db.promotion.deleteMany(),
      db.postPurchaseOffer.deleteMany(),
      db.carriedMemory.deleteMany(),
      db.recommendationPair.deleteMany(),
      db.recommendationProduct.deleteMany(),
      db.recommendationOrder.deleteMany(),
      db.recommendationOverride.deleteMany(),
      db.recommendationShop.deleteMany(),
    ]);
    // Beacon intake remembers installed shops for a few seconds; the rows it remembers are gone.
    forgetInstalled();
  });
}
