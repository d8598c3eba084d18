import { describe, expect, it } from "vitest";
// First: MSW must patch fetch before the Shopify library captures it.
import { ADMIN_SHOTS as SHOTS, withAdminBrowser } from "../helpers/with-admin-browser";
import path from "node:path";
import { openStep } from "../helpers/offer-editor";
import db from "../../app/platform/db.server";
import { offerDefinitionSchema } from "../../app/offers/offer.schema";
import { TEST_SHOP } from "../helpers/shopify-requests";
import { answerPicker, pick, type AdminBrowser } from "./admin-browser";
import type { ProductFixture } from "./fixtures";

/*
 * The editor of a yen shop in Chromium (decision 0053): the money fields say
 * JPY, a decimal is refused on the field, "500" is stored as 500, and the
 * preview's popup shows yen.
 */

const SNEAKERS: ProductFixture = { id: "gid://shopify/Product/1001", handle: "trail-sneakers", title: "Trail sneakers", variants: [{ id: "gid://shopify/ProductVariant/2001", title: "42", price: "9000" }] };
const SOCKS: ProductFixture = { id: "gid://shopify/Product/1002", handle: "merino-socks", title: "Merino socks", variants: [{ id: "gid://shopify/ProductVariant/2002", title: "Default Title", price: "1000" }] };

let admin: AdminBrowser;
withAdminBrowser({
  products: [SNEAKERS, SOCKS],
  configure: (api) => {
    api.shopCurrency = "JPY";
    api.moneyFormat = "¥{{amount_no_decimals}}";
  },
  onStart: (started) => (admin = started),
});

describe("the editor in a yen shop", () => {
  it("reads amounts in yen: a decimal is refused on the field, ¥500 is stored as 500, and the preview shows yen", async () => {
    const page = await admin.context.newPage();
    await admin.open(page, "/app/offers/new");
    await page.getByRole("heading", { name: "Create offer" }).waitFor({ timeout: 120_000 });

    await answerPicker(page, [pick(SOCKS)]);
    await openStep(page, "What");
    await page.getByRole("button", { name: "Add products" }).click();
    await page.getByText("Merino socks").waitFor();
    await page.getByLabel("Name").fill("Socks, ¥500 off");
    await openStep(page, "Say");
    await page.getByLabel("Headline").fill("Complete the look");
    await openStep(page, "What");
    await page.getByLabel("Discount on the offered product").selectOption("FIXED");
    await page.getByText("In JPY, whole amounts (no decimals).").waitFor();
    await page.getByLabel("Amount off each").fill("500.5");
    await page.locator("ui-save-bar[data-open] button[variant=primary]").click();
    await page.locator("#offer-discount-amountError").getByText("JPY has no decimals").waitFor();
    expect(await db.offer.count({ where: { shop: TEST_SHOP } })).toBe(0);
    await page.locator("#offer-discount-amount").scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -160));
    await page.screenshot({ path: path.join(SHOTS, "editor-jpy-decimal-refused-1280.png") });

    await page.getByLabel("Amount off each").fill("500");
    await page.locator("ui-save-bar[data-open] button[variant=primary]").click();
    await page.waitForURL(/\/app\/offers\/(?!new)[a-z0-9]+/);
    const row = await db.offer.findFirstOrThrow({ where: { shop: TEST_SHOP } });
    expect(offerDefinitionSchema.parse(row.definition).discount).toEqual({ kind: "FIXED", amount: 500 });
    await openStep(page, "What");
    expect(await page.getByLabel("Amount off each").inputValue()).toBe("500");

    await answerPicker(page, [pick(SNEAKERS)]);
    await page.getByRole("button", { name: "Add to sample cart" }).click();
    const frame = page.frameLocator('[data-testid="preview-frame"]');
    // ¥1,000 socks, ¥500 off: ¥500, not free and not ¥995.
    await frame.getByText("¥1,000").first().waitFor({ timeout: 60_000 });
    await frame.getByText("¥500").first().waitFor();
    expect(await frame.locator("body").innerText()).not.toMatch(/\$|¥0\b/);
    await page.screenshot({ path: path.join(SHOTS, "editor-jpy-preview-1280.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(SHOTS, "editor-jpy-preview-390.png"), fullPage: true });
  }, 240_000);
});
