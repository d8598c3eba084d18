import { afterAll, beforeAll, describe, expect, it } from "vitest";
// First: MSW must patch fetch before the Shopify library captures it.
import { adminServer, FakeAdminApi, INSTALLATION_ID, useFakeAdmin } from "./fake-admin-api";
import path from "node:path";
import db from "../../app/platform/db.server";
import { parseStorefrontConfig } from "@tactful/engine/wire";
import { installShop, TEST_SHOP } from "../helpers/shopify-requests";
import { waitForVisible } from "../helpers/progress";
import { openStep } from "../helpers/offer-editor";
import { answerPicker, pick, startAdminBrowser, type AdminBrowser } from "./admin-browser";
import { SNEAKERS, SOCKS } from "./fixtures";

/*
 * A merchant turns a cross-sell into "Recommended for the trigger" in the
 * What step (decision record 0085): sources in their order, an exclusion,
 * saved and synced to the storefront and the Function.
 */

const SHOTS = path.resolve("test-results", "admin");
let admin: AdminBrowser;
const api = new FakeAdminApi();

beforeAll(async () => {
  for (const p of [SNEAKERS, SOCKS]) api.products.set(p.id, p);
  useFakeAdmin(api);
  await installShop();
  admin = await startAdminBrowser(SHOTS);
}, 180_000);

afterAll(async () => {
  await admin?.close();
  adminServer.close();
});

describe("an automatic cross-sell in the editor", () => {
  it("is created with its sources in order and an excluded tag, and reaches the storefront and the Function configs", async () => {
    const page = await admin.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => !/WebSocket/.test(e.message) && errors.push(e.message));
    await admin.open(page, "/app/offers/new");
    await waitForVisible(page, page.getByRole("heading", { name: "Start from a template" }));
    await answerPicker(page, [pick(SNEAKERS)], [pick(SOCKS)]);
    await page.getByRole("button", { name: "Add-on after add-to-cart" }).click();
    await waitForVisible(page, page.getByRole("heading", { name: "Check and go live" }));

    await openStep(page, "What");
    await page.getByLabel("Recommended for the trigger").check({ force: true });
    await waitForVisible(page, page.getByText("Never recommend"));
    // The defaults: the shop's orders, then Shopify's complementary products. Add Shopify's related ones and put them first.
    await page.getByLabel("Shopify's related products").check({ force: true });
    await page.getByRole("button", { name: "Move Shopify's related products up" }).click();
    await page.getByRole("button", { name: "Move Shopify's related products up" }).click();
    await expect.poll(() => page.locator("input[id^=offer-source-]:checked").evaluateAll((xs) => xs.map((x) => x.id))).toEqual([
      "offer-source-shopify_related",
      "offer-source-co_purchase",
      "offer-source-shopify_complementary",
    ]);
    await page.getByLabel("Products tagged").fill("gift-card");
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, "automatic-what-1280.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(SHOTS, "automatic-what-390.png"), fullPage: true });
    // Right to left, as an Arabic admin lays it out.
    await page.evaluate(() => document.documentElement.setAttribute("dir", "rtl"));
    await page.screenshot({ path: path.join(SHOTS, "automatic-what-rtl-390.png"), fullPage: true });
    await page.evaluate(() => document.documentElement.setAttribute("dir", "ltr"));
    await page.setViewportSize({ width: 1280, height: 900 });

    await openStep(page, "Check");
    await waitForVisible(page, page.getByText(/Offers up to three products recommended for the trigger by shopify's related products, then bought together in your orders, then shopify's complementary products/));
    await page.getByRole("button", { name: "Save and activate" }).last().click();
    await page.waitForURL(/\/app\/offers\/(?!new)[a-z0-9]+/);

    const row = await db.offer.findFirstOrThrow({ where: { shop: TEST_SHOP } });
    const definition = row.definition as { productsFrom: string; items: unknown[]; recommendation: { sources: string[]; excludeTags: string[] } };
    expect(definition.productsFrom).toBe("RECOMMENDED");
    expect(definition.items).toEqual([]);
    expect(definition.recommendation).toMatchObject({ sources: ["shopify_related", "co_purchase", "shopify_complementary"], excludeTags: ["gift-card"] });
    const raw = api.metafield(INSTALLATION_ID, "tactful", "config");
    const live = raw ? parseStorefrontConfig(raw, api.metafield(INSTALLATION_ID, "tactful", "content_en"))?.offers.find((o) => o.id === row.id) : undefined;
    expect(live?.items).toEqual([]);
    expect(live?.auto).toMatchObject({ sources: ["shopify_related", "co_purchase", "shopify_complementary"], excludeTags: ["gift-card"], coPurchase: {} });
    // Reopened, the editor shows what was saved.
    await admin.open(page, `/app/offers/${row.id}`);
    await openStep(page, "What");
    await expect.poll(() => page.getByLabel("Recommended for the trigger").isChecked()).toBe(true);
    expect(await page.getByLabel("Products tagged").inputValue()).toBe("gift-card");
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});
