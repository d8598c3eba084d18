import { describe, expect, it } from "vitest";
// First: MSW must patch fetch before the Shopify library captures it.
import { ADMIN_SHOTS as SHOTS, withAdminBrowser } from "../helpers/with-admin-browser";
import path from "node:path";
import type { AdminBrowser } from "./admin-browser";

/*
 * The settings page's style preview against the popup (decision record
 * 0068): a shop that chose nothing sees the neutral default and the honest
 * default texts, and the preview's button carries the text colour the popup
 * puts on that accent.
 */

let admin: AdminBrowser;
withAdminBrowser({ onStart: (started) => (admin = started) });

describe("the settings page's popup style", () => {
  it("previews the neutral default with the honest default texts, and black text on a light accent as the popup draws it", async () => {
    const page = await admin.context.newPage();
    await admin.open(page, "/app/settings");
    const button = page.getByTestId("style-preview-accept");
    await button.waitFor({ timeout: 120_000 });
    expect(await page.getByLabel("Accent colour").inputValue()).toBe("#121212");
    expect(await page.getByLabel("Headline").inputValue()).toBe("You might also like");
    const colours = () => button.evaluate((e) => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]);
    expect(await colours()).toEqual(["rgb(18, 18, 18)", "rgb(255, 255, 255)"]);
    await page.getByLabel("Accent colour").fill("#f2c94c");
    await expect.poll(colours).toEqual(["rgb(242, 201, 76)", "rgb(0, 0, 0)"]);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await button.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, `settings-style-${width}.png`) });
    }
    await page.close();
  }, 240_000);
});
