import { describe, expect, it } from "vitest";
// First: MSW must patch fetch before the Shopify library captures it.
import { withAdminBrowser } from "../helpers/with-admin-browser";
import type { Page } from "playwright-core";
import db from "../../app/platform/db.server";
import { recordOrderBatch, type OrderBasket } from "../../app/recommendations/recommendations.server";
import { TEST_SHOP } from "../helpers/shopify-requests";
import { waitForVisible } from "../helpers/progress";
import type { AdminBrowser } from "./admin-browser";
import { JACKET, SNEAKERS, SOCKS } from "./fixtures";

/*
 * The recommendations page in Chromium (issue 18): the evidence in plain
 * words per trigger, Pin puts a product first with a badge, Block moves it to
 * the blocked pairs, Unblock brings it back; screenshots at 1280 px, 390 px
 * and right to left.
 */

let admin: AdminBrowser;
withAdminBrowser({
  products: [SNEAKERS, SOCKS, JACKET],
  seed: async () => {
    const orders: OrderBasket[] = [];
    let id = 1;
    const at = new Date("2026-11-01T00:00:00Z");
    for (let i = 0; i < 38; i++)
      orders.push({ orderId: String(id++), orderedAt: at, productIds: [SNEAKERS.id, SOCKS.id] });
    for (let i = 0; i < 12; i++)
      orders.push({ orderId: String(id++), orderedAt: at, productIds: [SNEAKERS.id, JACKET.id] });
    for (let i = 0; i < 70; i++) orders.push({ orderId: String(id++), orderedAt: at, productIds: [SNEAKERS.id] });
    for (let i = 0; i < 300; i++)
      orders.push({ orderId: String(id++), orderedAt: at, productIds: [`gid://shopify/Product/${5000 + (i % 40)}`] });
    await recordOrderBatch(db, TEST_SHOP, orders);
  },
  onStart: (started) => (admin = started),
  timeoutMs: 240_000,
});

const sneakersCard = (page: Page) => page.locator(`[data-testid="trigger"][data-product-id="${SNEAKERS.id}"]`);
const rows = (page: Page) => sneakersCard(page).getByTestId("recommendation");

describe("the recommendations page in a browser", () => {
  it("explains each pair, pins one first, blocks one and unblocks it", async () => {
    const page = await admin.context.newPage();
    await admin.open(page, "/app/recommendations");
    await waitForVisible(page, page.getByRole("heading", { name: "Recommendations" }));
    await waitForVisible(
      page,
      sneakersCard(page).getByText("Bought together in 38 of 120 orders; 3.5× more often than chance"),
    );
    await sneakersCard(page).getByText("Bought together in 12 of 120 orders; 3.5× more often than chance").waitFor();
    await page.getByText("40 more products have no recommendation yet", { exact: false }).waitFor();
    expect(await rows(page).allInnerTexts()).toEqual([
      expect.stringContaining("Merino socks"),
      expect.stringContaining("Rain jacket"),
    ]);
    for (const [width, dir] of [
      [1280, "ltr"],
      [390, "ltr"],
      [1280, "rtl"],
    ] as const) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.evaluate((d) => document.documentElement.setAttribute("dir", d), dir);
      await admin.shot(page, `recommendations-${dir === "rtl" ? "rtl-1280" : width}.png`);
    }
    await page.evaluate(() => document.documentElement.setAttribute("dir", "ltr"));
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole("button", { name: "Pin Rain jacket" }).click();
    await waitForVisible(page, page.getByText("Pinned: it comes first for this product."));
    await expect.poll(() => rows(page).first().innerText()).toContain("Rain jacket");
    await rows(page).first().getByText("Pinned", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Unpin Rain jacket" }).waitFor();

    await page.getByRole("button", { name: "Block Merino socks" }).click();
    await waitForVisible(
      page,
      page.getByTestId("blocked-pair").getByText("Merino socks is never recommended with Trail sneakers"),
    );
    await expect.poll(() => rows(page).allInnerTexts()).toEqual([expect.stringContaining("Rain jacket")]);
    expect(
      await db.recommendationOverride.findMany({
        where: { shop: TEST_SHOP },
        select: { productId: true, kind: true },
        orderBy: { productId: "asc" },
      }),
    ).toEqual([
      { productId: SOCKS.id, kind: "BLOCK" },
      { productId: JACKET.id, kind: "PIN" },
    ]);
    await admin.shot(page, "recommendations-pinned-blocked-1280.png");

    await page.getByRole("button", { name: "Unblock Merino socks for Trail sneakers" }).click();
    await expect.poll(() => rows(page).count()).toBe(2);
    expect(await page.getByTestId("blocked-pair").count()).toBe(0);
    await page.close();
  }, 300_000);
});
