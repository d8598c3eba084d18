import { describe, expect, it } from "vitest";
// First: MSW must patch fetch before the Shopify library captures it.
import { ADMIN_SHOTS as SHOTS, withAdminBrowser } from "../helpers/with-admin-browser";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import db from "../../app/platform/db.server";
import { TEST_SHOP } from "../helpers/shopify-requests";
import { answerPicker, pick, type AdminBrowser } from "./admin-browser";
import { crossSell, JACKET, SNEAKERS, SOCKS} from "./fixtures";
import { waitForVisible } from "../helpers/progress";
import { openStep } from "../helpers/offer-editor";

/**
 * The README's admin images, written only when asked (`README_SHOTS=1`), so a plain test run
 * never changes tracked files: the visible viewport, not the whole page, to keep them small.
 */
async function readmeShot(page: Page, file: string) {
  if (process.env.README_SHOTS === "1") await page.screenshot({ path: path.resolve("docs/images", file) });
}

/*
 * The offer editor in Chromium, outside the Shopify admin frame: the real
 * Remix app and Polaris, the real form posting to the real action and a
 * real SQLite database. Only App Bridge's CDN script is replaced (see
 * app-bridge-stub.js); the fake Admin API answers Shopify's side.
 */

let admin: AdminBrowser;
let context: BrowserContext;
withAdminBrowser({
  products: [SNEAKERS, SOCKS, JACKET],
  onStart: (started) => {
    admin = started;
    context = started.context;
  },
});

const open = (page: Page, appPath: string) => admin.open(page, appPath);

const saveBarSave = (page: Page) => page.locator("ui-save-bar[data-open] button[variant=primary]");

describe("the offer editor in a browser", () => {
  it("creates an offer: a field error, a fix, a save, and the real popup in the preview", async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    // Vite's dev client looks for its HMR socket, which this test server deliberately doesn't run.
    page.on("pageerror", (e) => !/WebSocket/.test(e.message) && errors.push(e.message));
    await open(page, "/app/offers/new");
    await waitForVisible(page, page.getByRole("heading", { name: "Create offer" }));

    await answerPicker(page, [pick(SOCKS)]);
    await openStep(page, "What");
    await page.getByRole("button", { name: "Add products" }).click();
    await page.getByText("Merino socks").waitFor();

    // No name yet: the server's zod schema answers 400 and the form keeps what was typed.
    await openStep(page, "Say");
    await page.getByLabel("Headline").fill("Keep your feet dry");
    await saveBarSave(page).click();
    // The message sits under the Name field itself (Polaris links it with aria-describedby).
    await page.locator("#offer-nameError").getByText("Name is required").waitFor();
    expect(await page.locator("#offer-name").getAttribute("aria-describedby")).toContain("offer-nameError");
    expect(await page.getByLabel("Headline").inputValue()).toBe("Keep your feet dry");
    expect(await db.offer.count({ where: { shop: TEST_SHOP } })).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, "editor-field-error-1280.png"), fullPage: false });

    await page.getByLabel("Name").fill("Socks with sneakers");
    await saveBarSave(page).click();
    await page.waitForURL(/\/app\/offers\/(?!new)[a-z0-9]+/);
    const row = await db.offer.findFirstOrThrow({ where: { shop: TEST_SHOP } });
    expect(row).toMatchObject({ name: "Socks with sneakers", type: "CROSS_SELL", version: 1 });
    expect(page.url()).toContain(`/app/offers/${row.id}`);

    // The preview renders the storefront's own script for a sample cart the merchant builds.
    await answerPicker(page, [pick(SNEAKERS)]);
    await page.getByRole("button", { name: "Add to sample cart" }).click();
    const frame = page.frameLocator('[data-testid="preview-frame"]');
    await waitForVisible(page, frame.getByText("Keep your feet dry").first());
    await expect.poll(() => page.getByText("Would show").count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, "editor-preview-1280.png"), fullPage: true });

    // A tighter cap than the socks' +12% hides the offer, and the preview says why in plain words.
    await openStep(page, "What");
    await page.getByLabel("Price cap").fill("5");
    await waitForVisible(page, page.getByText("Adding Merino socks would raise this cart by 12%, over your 5% cap."));
    await page.screenshot({ path: path.join(SHOTS, "editor-hidden-reason-1280.png"), fullPage: false });
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it("shows a conflict with a reload action when the offer changed in another tab, and overwrites nothing", async () => {
    const row = await db.offer.findFirstOrThrow({ where: { shop: TEST_SHOP } });
    const page = await context.newPage();
    await open(page, `/app/offers/${row.id}`);
    await waitForVisible(page, page.getByLabel("Name"));
    await db.offer.update({ where: { id: row.id }, data: { name: "Changed elsewhere", version: { increment: 1 } } });
    await page.getByLabel("Name").fill("My stale edit");
    await saveBarSave(page).click();
    await page.getByText("This offer changed since you opened it").waitFor();
    // Nothing overwritten, and the merchant's own input is still in the form.
    expect((await db.offer.findUniqueOrThrow({ where: { id: row.id } })).name).toBe("Changed elsewhere");
    expect(await page.getByLabel("Name").inputValue()).toBe("My stale edit");
    await page.screenshot({ path: path.join(SHOTS, "editor-conflict-1280.png") });
    await page.getByRole("button", { name: "Reload offer" }).click();
    await expect.poll(() => page.getByLabel("Name").inputValue()).toBe("Changed elsewhere");
    await page.close();
  }, 120_000);

  it("looks right: Home, Offers and the editor at 1280 and 375 px, empty and full, and right-to-left", async () => {
    const page = await context.newPage();
    await db.offer.deleteMany();
    await open(page, "/app");
    await waitForVisible(page, page.getByText("Get started"));
    await page.screenshot({ path: path.join(SHOTS, "home-empty-1280.png"), fullPage: true });
    await open(page, "/app/offers");
    await page.getByText("Create your first offer").waitFor();
    await page.screenshot({ path: path.join(SHOTS, "offers-empty-1280.png"), fullPage: true });

    const definition = JSON.parse(JSON.stringify(crossSell().definition)) as Record<string, string>;
    const seed = [
      { name: "Socks with sneakers", status: "ACTIVE", type: "CROSS_SELL", priority: 10, moments: "ADD_TO_CART,CART" },
      { name: "Trail sneakers → Pro upgrade", status: "ACTIVE", type: "UPSELL", priority: 5, moments: "CART,PRE_CHECKOUT", startsAt: new Date("2026-12-01T08:00:00Z"), endsAt: new Date("2026-12-24T22:59:00Z") },
      { name: "Winter bundle: jacket, hat and gloves for the coldest days", status: "PAUSED", type: "BUNDLE", priority: 0, moments: "PRE_CHECKOUT" },
      { name: "Thank-you care kit", status: "DRAFT", type: "CROSS_SELL", priority: -2, moments: "THANK_YOU" },
    ];
    for (const o of seed) await db.offer.create({ data: { shop: TEST_SHOP, definition, ...o } });
    const first = await db.offer.findFirstOrThrow({ where: { name: "Socks with sneakers" } });

    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
      await open(page, "/app");
      await page.getByText("Get started").waitFor();
      await page.screenshot({ path: path.join(SHOTS, `home-${width}.png`), fullPage: true });
      await open(page, "/app/offers");
      await page.getByText("Thank-you care kit").first().waitFor();
      // The status tabs appear once Polaris has measured them after hydration.
      await page.getByRole("tab", { name: "Active" }).waitFor();
      await page.screenshot({ path: path.join(SHOTS, `offers-${width}.png`), fullPage: true });
      await open(page, `/app/offers/${first.id}`);
      await page.getByLabel("Name").waitFor();
      await answerPicker(page, [pick(SNEAKERS)]);
      // On a phone the preview is one tap away.
      if (width === 375) await page.getByRole("button", { name: "Show preview" }).click();
      await page.getByRole("button", { name: "Add to sample cart" }).click();
      await waitForVisible(page, page.frameLocator('[data-testid="preview-frame"]').getByText("Complete the look").first());
      await page.screenshot({ path: path.join(SHOTS, `editor-${width}.png`), fullPage: true });
    }

    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
      await open(page, "/app/settings");
      await page.getByLabel("Default price cap").waitFor();
      await page.screenshot({ path: path.join(SHOTS, `settings-${width}.png`), fullPage: true });
    }

    // An Arabic-speaking merchant: the admin right-to-left, and the popup preview in Arabic.
    await page.setViewportSize({ width: 1280, height: 900 });
    await open(page, `/app/offers/${first.id}`);
    await page.getByLabel("Name").waitFor();
    await page.evaluate(() => document.documentElement.setAttribute("dir", "rtl"));
    await openStep(page, "Say");
    await page.getByLabel("Add a language").fill("ar");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByLabel("Headline").fill("أكمل إطلالتك");
    await page.getByLabel("Body").fill("جوارب صوف ناعمة تناسب حذاءك الجديد.");
    await page.getByLabel("Accept button").fill("أضف إلى السلة");
    await page.getByLabel("Decline button").fill("لا، شكراً");
    // The languages the offer covers, and what other languages get: nothing, until the merchant allows the default (0091).
    const coverage = page.getByTestId("locale-coverage");
    expect(await coverage.textContent()).toBe("Covers 2 languages: en, ar");
    await page.getByText("Other languages: not shown.").waitFor();
    const fallback = page.getByLabel("Show in the shop's default language where no translation exists");
    await fallback.check({ force: true });
    await page.getByText("Other languages: shown in en.").waitFor();
    await fallback.scrollIntoViewIfNeeded();
    await readmeShot(page, "admin-editor-say-rtl.png");
    await answerPicker(page, [pick(SNEAKERS)]);
    await page.getByRole("button", { name: "Add to sample cart" }).click();
    await page.getByLabel("Language", { exact: true }).selectOption("ar");
    await waitForVisible(page, page.frameLocator('[data-testid="preview-frame"]').getByText("أكمل إطلالتك").first());
    expect(await page.frameLocator('[data-testid="preview-frame"]').locator("html").getAttribute("dir")).toBe("rtl");
    await page.screenshot({ path: path.join(SHOTS, "editor-rtl-1280.png"), fullPage: true });
    await open(page, "/app/offers");
    await page.getByText("Thank-you care kit").first().waitFor();
    await page.evaluate(() => document.documentElement.setAttribute("dir", "rtl"));
    await page.screenshot({ path: path.join(SHOTS, "offers-rtl-1280.png"), fullPage: true });
    await readmeShot(page, "admin-offers-rtl.png");

    // The README's phone views: the list, and the Say step with the languages the offer covers.
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, "/app/offers");
    await page.getByRole("tab", { name: "Active" }).waitFor();
    await readmeShot(page, "admin-offers-390.png");
    await open(page, `/app/offers/${first.id}`);
    await page.getByLabel("Name").waitFor();
    await openStep(page, "Say");
    await page.getByTestId("locale-coverage").scrollIntoViewIfNeeded();
    await readmeShot(page, "admin-editor-say-390.png");
    await page.close();
  }, 300_000);

  it("an upsell offers no discount fields and says why, at 1280 and 375 px and right-to-left", async () => {
    const page = await context.newPage();
    await open(page, "/app/offers/new");
    await waitForVisible(page, page.getByRole("heading", { name: "Create offer" }));
    await openStep(page, "What");
    expect(await page.locator("#offer-discount-kind").count()).toBe(1);
    await page.getByLabel("Upsell").check({ force: true });
    const why = page.getByText("No discount on upgrades: the popup shows the upgrade at its own price");
    await why.waitFor();
    expect(await page.locator("#offer-discount-kind").count()).toBe(0);
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
      await why.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, `editor-upsell-${width}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.evaluate(() => document.documentElement.setAttribute("dir", "rtl"));
    await why.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, "editor-upsell-rtl-1280.png") });
    await page.close();
  }, 180_000);
});
