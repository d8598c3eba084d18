import { describe, expect, it } from "vitest";
import { addToCart, cartOf, merchant, pick, popup, saveAndActivate, SHOTS, shopper, withLoop, appDb, type Loop } from "./harness";
import { openStep } from "../helpers/offer-editor";

/*
 * An offer targeted ONLY by a collection, end to end: the merchant picks the
 * collection in the admin, the save syncs through the demo Admin API (which
 * answers the collection's products from the seeded catalog), the storefront
 * script shows the popup for a product of that collection, and the demo
 * checkout's real discount Function honours the price (decision record 0054).
 */

let loop: Loop;
withLoop((started) => (loop = started));

const db = () => appDb(loop);

describe("offers triggered only by a collection, or only by a tag", () => {
  let offerId = "";

  it("the merchant picks the Outdoor collection as the only trigger; the published config carries the collection's products", async () => {
    const page = await merchant(loop, "/app/offers/new", (p) => p.getByRole("heading", { name: "Create offer" }));
    await page.getByLabel("Name").fill("Batteries for anything outdoor");
    await openStep(page, "When");
    await page.getByRole("button", { name: "Collections", exact: true }).click();
    await pick(page, "Outdoor");
    await page.getByLabel("Delay", { exact: true }).fill("0");
    await openStep(page, "What");
    await page.getByLabel("Cross-sell").check();
    await page.getByRole("button", { name: "Add products" }).click();
    await pick(page, "Rechargeable AA Batteries");
    await page.getByLabel("Discount on the offered product").selectOption("PERCENT");
    await page.getByLabel("Percentage").fill("10");
    await openStep(page, "Say");
    await page.getByLabel("Headline").fill("Power for the trail");
    await page.getByLabel("Accept button").fill("Add batteries");
    await saveAndActivate(page);
    await page.waitForURL(/\/app\/offers\/(?!new)[a-z0-9]+/, { timeout: 30_000 });
    offerId = new URL(page.url()).pathname.split("/").pop() ?? "";
    const row = await (await db()).offer.findUniqueOrThrow({ where: { id: offerId } });
    expect(row.definition).toMatchObject({ trigger: { products: [], variants: [], tags: [], collections: [{ id: "gid://shopify/Collection/505", title: "Outdoor" }] } });
    await expect.poll(() => JSON.stringify(loop.demo.storefront.state.metafields.config ?? null), { timeout: 15_000 }).toContain(offerId);
    // The wire form's collection map (`k`): Outdoor's products as the demo Admin API listed them.
    const config = loop.demo.storefront.state.metafields.config as { k?: Record<string, unknown[]> };
    expect(config.k?.["505"]).toEqual([1017, 1018, 1019, 1020, 1021]);
    await page.screenshot({ path: `${SHOTS}/collection-admin-saved.png`, fullPage: true });
    await page.close();
  }, 240_000);

  it("a shopper adding the headlamp (in Outdoor, named by no trigger) sees the popup, and checkout discounts the batteries", async () => {
    expect(offerId).not.toBe("");
    const shop = await shopper(loop, "/products/headlamp?theme=standard");
    await addToCart(shop);
    await popup(shop).waitFor({ timeout: 15_000 });
    expect(await popup(shop).locator("h2").textContent()).toBe("Power for the trail");
    await shop.screenshot({ path: `${SHOTS}/collection-popup.png` });
    await popup(shop).locator("li button.y").click();
    await expect.poll(() => popup(shop).count()).toBe(0);
    expect((await cartOf(shop)).items.map((i) => [i.title, i.properties])).toEqual([
      ["Trail Headlamp", {}],
      ["Rechargeable AA Batteries", { _tactful_offer: offerId }],
    ]);
    await shop.goto(loop.demo.storefront.url + "/checkout");
    // 10% of €8.00, by the Function, which asks Shopify whether the headlamp is in the collection.
    expect(await shop.getByTestId("line-discount").textContent()).toBe("Offer discount −€0.80");
    await shop.close();
  }, 90_000);

  it("a tag-only trigger works the same way: the storefront reads tags from the product JSON, the Function asks hasAnyTag", async () => {
    const page = await merchant(loop, "/app/offers/new", (p) => p.getByRole("heading", { name: "Create offer" }));
    await page.getByLabel("Name").fill("Batteries for the kitchen");
    await openStep(page, "When");
    await page.getByLabel("Product tags").fill("kitchen");
    await page.getByLabel("Delay", { exact: true }).fill("0");
    await openStep(page, "What");
    await page.getByLabel("Cross-sell").check();
    await page.getByRole("button", { name: "Add products" }).click();
    await pick(page, "Rechargeable AA Batteries");
    await page.getByLabel("Discount on the offered product").selectOption("PERCENT");
    await page.getByLabel("Percentage").fill("10");
    await openStep(page, "Say");
    await page.getByLabel("Headline").fill("Spare batteries?");
    await saveAndActivate(page);
    await page.waitForURL(/\/app\/offers\/(?!new)[a-z0-9]+/, { timeout: 30_000 });
    const tagOfferId = new URL(page.url()).pathname.split("/").pop() ?? "";
    await page.close();
    await expect.poll(() => JSON.stringify(loop.demo.storefront.state.metafields.config ?? null), { timeout: 15_000 }).toContain(tagOfferId);
    // The grinder is tagged "kitchen"; €7.20 of batteries stays within the 25% cap on €80.
    const shop = await shopper(loop, "/products/coffee-grinder?theme=standard");
    await addToCart(shop);
    await popup(shop).waitFor({ timeout: 15_000 });
    expect(await popup(shop).locator("h2").textContent()).toBe("Spare batteries?");
    await popup(shop).locator("li button.y").click();
    await expect.poll(() => popup(shop).count()).toBe(0);
    await shop.goto(loop.demo.storefront.url + "/checkout");
    // 10% of €8.00.
    expect(await shop.getByTestId("line-discount").textContent()).toBe("Offer discount −€0.80");
    await shop.close();
  }, 240_000);
});
