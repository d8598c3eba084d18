import { describe, expect, it } from "vitest";
import { seedCatalog } from "../../app/demo-mode/catalog";
import { momentOver, recordMoments } from "../helpers/moments";
import { addToCart, appDb, cartOf, merchant, pick, popup, SHOTS, shopper, withLoop, type Loop } from "./harness";

/*
 * The seeded automatic cross-sell (decision record 0085) on the simulated
 * shop: its products come from Shopify's complementary products, fetched
 * by the storefront only after the add, under the cap; a failing
 * recommendations endpoint shows nothing and leaves the cart working.
 * The editor's preview shows the same products, read by the app's server
 * from the simulated shop's Storefront API (decision record 0098).
 */

let loop: Loop;
withLoop((started) => (loop = started));

const NAME = "Pairs well with your new phone or mat (recommended)";
const catalog = seedCatalog();
const variant = (handle: string) => catalog.find((p) => p.handle === handle)?.variants[0]?.id;
const recommendationRequests = () => loop.demo.storefront.state.requests.filter((r) => r.includes("/recommendations/products.json"));

describe("the seeded automatic cross-sell", () => {
  it("shows the complementary products after add-to-cart, in the merchant's order, and the Function discounts the accepted one", async () => {
    const offerId = (await (await appDb(loop)).offer.findFirstOrThrow({ where: { name: NAME } })).id;
    const page = await shopper(loop, "/products/phone-x-pro?theme=standard");
    // Nothing is asked of Shopify's recommendations at page load.
    expect(recommendationRequests()).toEqual([]);
    await addToCart(page);
    await popup(page).waitFor({ timeout: 15_000 });
    // Phone X Pro 720.00, cap 25% = 180.00: the three accessories Search & Discovery pairs with it, in the merchant's order (10% off: 27.00, 10.80, 22.50).
    await expect.poll(() => popup(page).locator("li strong").allTextContents()).toEqual(["Phone X Case", "Screen Protector", "USB-C Charger 30 W"]);
    expect(recommendationRequests()).toEqual([`GET /recommendations/products.json?product_id=${catalog.find((p) => p.handle === "phone-x-pro")?.id}&limit=6&intent=complementary`]);
    await page.screenshot({ path: `${SHOTS}/automatic-offer-popup.png` });
    await popup(page).locator("li button.y").first().click();
    await expect.poll(async () => (await cartOf(page)).items.map((i) => [i.variant_id, i.properties])).toContainEqual([variant("phone-case"), { _tactful_offer: offerId }]);
    await page.goto(loop.demo.storefront.url + "/checkout");
    expect(await page.getByTestId("line-discount").textContent()).toBe("Offer discount −€3.00");
    await page.close();
  }, 120_000);

  it("in Arabic on a 390 px phone: the same products, right to left, asked for under the /ar/ routes root", async () => {
    const page = await shopper(loop, "/ar/products/phone-x-pro?theme=standard", { width: 390, height: 844 });
    await addToCart(page);
    await popup(page).waitFor({ timeout: 15_000 });
    await expect.poll(() => popup(page).locator("li strong").count()).toBe(3);
    expect(await popup(page).getAttribute("dir")).toBe("rtl");
    expect(recommendationRequests().at(-1)).toMatch(/^GET \/ar\/recommendations\/products\.json\?product_id=\d+&limit=6&intent=complementary$/);
    await page.screenshot({ path: `${SHOTS}/automatic-offer-popup-ar-390.png` });
    await page.close();
  }, 120_000);

  it("the editor's preview shows Shopify's complementary products, each named with its source, at 1280 px, 390 px and right to left", async () => {
    const offerId = (await (await appDb(loop)).offer.findFirstOrThrow({ where: { name: NAME } })).id;
    const page = await merchant(loop, `/app/offers/${offerId}`, (p) => p.getByRole("button", { name: "Add to sample cart" }));
    // The sample cart holds the trigger: a shopper who just added the phone.
    await page.getByRole("button", { name: "Add to sample cart" }).click();
    await pick(page, "Phone X Pro 256 GB");
    const chosen = page.getByRole("heading", { name: "Recommended for this cart" }).locator("xpath=following-sibling::*[1]").getByRole("listitem");
    // Search & Discovery's three accessories for the phone, under the cap, in the merchant's order.
    await expect
      .poll(() => chosen.allTextContents())
      .toEqual(["Phone X Case: Shopify's complementary products", "Screen Protector: Shopify's complementary products", "USB-C Charger 30 W: Shopify's complementary products"]);
    // The frame shows them in the popup, as the storefront would.
    const frame = page.frameLocator("[data-testid=preview-frame]");
    await expect.poll(() => frame.locator("tactful-popup dialog li strong").allTextContents()).toEqual(["Phone X Case", "Screen Protector", "USB-C Charger 30 W"]);
    expect(await page.getByText("Shopify's recommendations could not be read").count()).toBe(0);
    const panel = page.getByRole("heading", { name: "Recommended for this cart" });
    await panel.evaluate((el) => el.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: `${SHOTS}/automatic-preview-1280.png` });
    // On a phone the preview is one tap away, over the form.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("button", { name: "Show preview" }).click();
    await panel.evaluate((el) => el.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: `${SHOTS}/automatic-preview-390.png` });
    // Arabic: the preview in the offer's Arabic copy, the admin laid out right to left.
    await page.getByRole("button", { name: "Back to the form" }).click();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel("Language").selectOption("ar");
    await page.evaluate(() => document.documentElement.setAttribute("dir", "rtl"));
    await expect.poll(() => frame.locator("tactful-popup dialog").getAttribute("dir")).toBe("rtl");
    await expect.poll(() => chosen.count()).toBe(3);
    await panel.evaluate((el) => el.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: `${SHOTS}/automatic-preview-rtl.png` });

    // Without the storefront scope: no product of Shopify's, and the preview says why.
    await page.evaluate(() => document.documentElement.setAttribute("dir", "ltr"));
    await page.getByLabel("Language").selectOption("en");
    loop.demo.admin.api.storefrontScope = false;
    try {
      await page.getByLabel(/^Quantity of Phone X Pro/).fill("2");
      const banner = page.getByText("Shopify's recommendations could not be read");
      await banner.waitFor({ timeout: 30_000 });
      expect(await page.getByText(/the unauthenticated_read_product_listings scope\); reinstall the app, or approve its updated access, to grant it/).count()).toBe(1);
      expect((await chosen.allTextContents()).filter((t) => t.includes("Shopify's"))).toEqual([]);
      await banner.evaluate((el) => el.scrollIntoView({ block: "start" }));
      await page.screenshot({ path: `${SHOTS}/automatic-preview-no-scope-1280.png` });
    } finally {
      loop.demo.admin.api.storefrontScope = true;
    }
    await page.close();
  }, 180_000);

  it("a failing recommendations endpoint: no popup, no error, and the cart still works", async () => {
    const faults = loop.demo.storefront.state.faults;
    faults.push({ route: "GET /recommendations/products.json", status: 500 });
    try {
      const page = await shopper(loop, "/products/phone-x-pro?theme=standard");
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      const before = recommendationRequests().length;
      await recordMoments(page);
      const failed = page.waitForResponse((r) => r.url().includes("/recommendations/products.json") && r.status() === 500);
      await addToCart(page);
      await expect.poll(async () => (await cartOf(page)).items.map((i) => i.variant_id)).toEqual([variant("phone-x-pro")]);
      // The decision asked, got a 500, and is over (the loader says so) with nothing shown.
      await failed;
      expect(recommendationRequests().length).toBeGreaterThan(before);
      await momentOver(page, "ADD_TO_CART");
      await page.waitForFunction(() => document.querySelector("cart-drawer .cart-item") !== null);
      expect(await popup(page).count()).toBe(0);
      expect(errors).toEqual([]);
      // The shopper's own cart changes still work.
      await page.evaluate(() => fetch("/cart/change.js", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ line: 1, quantity: 2 }) }));
      expect((await cartOf(page)).items.map((i) => i.quantity)).toEqual([2]);
      await page.close();
    } finally {
      faults.length = 0;
    }
  }, 120_000);
});
