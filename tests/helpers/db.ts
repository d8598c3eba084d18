import { beforeEach } from "vitest";
import db from "../../app/db.server";

/** Each test starts from empty tables, so counts and lookups mean what they say. */
export function withCleanDatabase() {
  beforeEach(async () => {
    await db.$transaction([
      db.processedWebhook.deleteMany(),
      db.offer.deleteMany(),
      db.shopSettings.deleteMany(),
      db.session.deleteMany(),
    ]);
  });
}
