import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
// First: MSW must patch fetch before the Shopify library captures it.
import { adminServer, bearerRequest, FakeAdminApi, useFakeAdmin } from "../admin/fake-admin-api";
import db from "../../app/platform/db.server";
import { loader as homeLoader } from "../../app/routes/app._index";
import { loader as analyticsLoader } from "../../app/routes/app.analytics._index";
import { installShop, TEST_SHOP } from "../helpers/shopify-requests";
import { withCleanDatabase } from "../helpers/db";

// The rollup fails every time (a database fault, a row it cannot read): the
// pages must still load, from the last rollup, and say that they are stale.
vi.mock("../../app/analytics/rollup.server", async (original) => ({
  ...(await original<typeof import("../../app/analytics/rollup.server")>()),
  rollupRange: vi.fn(async () => {
    throw new Error("rollup failed: injected");
  }),
}));

withCleanDatabase();
beforeEach(async () => {
  useFakeAdmin(new FakeAdminApi());
  await installShop();
});
afterAll(() => adminServer.close());

const args = (request: Request) => ({ request, params: {}, context: {} });

describe("a failing rollup never takes Home or Analytics down", () => {
  it("Home and Analytics load with the last rollup's figures and mark them as not fresh", async () => {
    const today = new Date().toISOString().slice(0, 10);
    await db.dailyStat.create({ data: { shop: TEST_SHOP, day: today, offerId: "o1", arm: "", moment: "", impressions: 7, accepts: 2, revenue: 1234 } });
    const home = (await homeLoader(args(await bearerRequest("/app")))) as Awaited<ReturnType<typeof homeLoader>>;
    expect(home.figures).toMatchObject({ fresh: false, impressions: 7, attributedRevenue: 1234 });
    const analytics = await analyticsLoader(args(await bearerRequest("/app/analytics")));
    const body = analytics instanceof Response ? await analytics.json() : analytics;
    expect(body.figures).toMatchObject({ fresh: false, impressions: 7 });
  });
});
