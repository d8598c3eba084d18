import { describe, expect, it } from "vitest";
// First: MSW must patch fetch before the Shopify library captures it.
import { ADMIN_SHOTS as SHOTS, withAdminBrowser } from "../helpers/with-admin-browser";
import path from "node:path";
import { jsonPost } from "./fake-admin-api";
import db from "../../app/platform/db.server";
import { action as editorAction } from "../../app/routes/app.offers.$id";
import { TEST_SHOP } from "../helpers/shopify-requests";
import { openStep } from "../helpers/offer-editor";
import type { AdminBrowser } from "./admin-browser";
import { crossSell, SNEAKERS, SOCKS } from "./fixtures";

/*
 * The editor tells the merchant, where the moments are chosen, what Shopify
 * requires before the one-click page runs (issue 17, decision 0078): in
 * Chromium at 1280 and 390 px and right-to-left.
 */

let admin: AdminBrowser;
let offerId = "";
withAdminBrowser({
  products: [SNEAKERS, SOCKS],
  seed: async () => {
    const offer = { ...crossSell(), moments: ["CART", "POST_PURCHASE"] };
    const res = (await editorAction({ request: await jsonPost("/app/offers/new", { intent: "save", offer }), params: { id: "new" }, context: {} })) as Response;
    expect(res.status).toBe(302);
    offerId = (await db.offer.findFirstOrThrow({ where: { shop: TEST_SHOP } })).id;
  },
  onStart: (started) => (admin = started),
});

describe("the offer editor's post-purchase notice", () => {
  it("says Shopify must approve the page for a live store, and goes when the moment is unticked", async () => {
    const page = await admin.context.newPage();
    await admin.open(page, `/app/offers/${offerId}`);
    await openStep(page, "When", 120_000);
    const banner = page.getByText("needs Shopify’s approval before it runs on a live store");
    await banner.waitFor();
    await page.getByText("Development stores show this page right away.", { exact: false }).waitFor();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await banner.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, `editor-post-purchase-notice-${width}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.evaluate(() => document.documentElement.setAttribute("dir", "rtl"));
    await banner.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, "editor-post-purchase-notice-rtl-1280.png") });
    await page.evaluate(() => document.documentElement.setAttribute("dir", "ltr"));

    await page.getByLabel("After payment (one click)").uncheck();
    await banner.waitFor({ state: "detached" });
    await page.close();
  }, 300_000);
});
