import { describe, expect, it } from "vitest";
// First: MSW must patch fetch before the Shopify library captures it.
import { ADMIN_SHOTS as SHOTS, withAdminBrowser } from "../helpers/with-admin-browser";
import path from "node:path";
import type { BrowserContext } from "playwright-core";
import type { AdminBrowser } from "./admin-browser";
import { SNEAKERS, SOCKS } from "./fixtures";

/*
 * The schedule warnings of the offer editor (issue 13 item 5, decision record
 * 0055), in Chromium at 1280 and 390 px and right-to-left. Checkout decides on
 * the shop's calendar days, so the editor says when a schedule is over or
 * shorter than one of them before the merchant saves.
 */

let admin: AdminBrowser;
let context: BrowserContext;
withAdminBrowser({
  products: [SNEAKERS, SOCKS],
  onStart: (started) => {
    admin = started;
    context = started.context;
  },
});

describe("the offer editor's schedule", () => {
  it("warns when the schedule is in the past or shorter than the shop's day, and says which whole days it runs", async () => {
    const page = await context.newPage();
    await admin.open(page, "/app/offers/new");
    await page.getByRole("heading", { name: "Create offer" }).waitFor({ timeout: 120_000 });
    const banner = page.getByText("Check this schedule");
    expect(await banner.count()).toBe(0);

    await page.locator("#offer-starts").fill("2020-03-01T09:00");
    await page.locator("#offer-ends").fill("2020-03-01T17:00");
    await page.getByText("This schedule is in the past: the offer will not show.").waitFor();
    await page.getByText("This schedule is shorter than one day of the shop.", { exact: false }).waitFor();
    await page.getByText("from the start of 1 Mar 2020 through 1 Mar 2020", { exact: false }).waitFor();

    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await banner.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, `editor-schedule-warning-${width}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.evaluate(() => document.documentElement.setAttribute("dir", "rtl"));
    await banner.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, "editor-schedule-warning-rtl-1280.png") });
    await page.evaluate(() => document.documentElement.setAttribute("dir", "ltr"));

    // Whole future days: nothing to warn about.
    await page.locator("#offer-starts").fill("2099-11-22T00:00");
    await page.locator("#offer-ends").fill("2099-11-29T00:00");
    await banner.waitFor({ state: "detached" });
    await page.close();
  }, 300_000);
});
