import { describe, expect, it } from "vitest";
// First: MSW must patch fetch before the Shopify library captures it.
import { ADMIN_SHOTS as SHOTS, withAdminBrowser } from "../helpers/with-admin-browser";
import path from "node:path";
import { jsonPost } from "./fake-admin-api";
import db from "../../app/platform/db.server";
import { action as editorAction } from "../../app/routes/app.offers.$id";
import { TEST_SHOP } from "../helpers/shopify-requests";
import { waitForVisible } from "../helpers/progress";
import { answerPicker, pick, type AdminBrowser } from "./admin-browser";
import { crossSell, SNEAKERS, SOCKS } from "./fixtures";

/*
 * The editor previews "After payment (one click)" as Shopify's post-purchase
 * page (issue 17): the offered product with its image, the discounted price,
 * Pay now and a visible decline, beside the storefront popup's preview for the
 * offer's other moments. In Chromium at 1280 and 390 px and in Arabic.
 */

// A data URL: the test browser reaches no image host, and the page must show the product's own picture.
const SOCKS_IMAGE = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#8a9bb0"/><path d="M3 1h3v5l2 2-2 2-4-3z" fill="#eee"/></svg>')}`;

let admin: AdminBrowser;
let offerId = "";
withAdminBrowser({
  products: [SNEAKERS, { ...SOCKS, image: { url: SOCKS_IMAGE, altText: "Grey merino socks" } }],
  seed: async () => {
    const offer = crossSell();
    const definition = { ...offer.definition, endsAtLocal: "2030-12-24T23:59", urgency: { lowStockBelow: null, showEndDate: true }, content: { ...offer.definition.content, ar: { headline: "أكمل إطلالتك", body: "جوارب صوف ناعمة تناسب حذاءك الجديد.", accept: "أضف", decline: "لا، شكراً" } } };
    const res = (await editorAction({ request: await jsonPost("/app/offers/new", { intent: "save", offer: { ...offer, moments: ["CART", "POST_PURCHASE"], definition } }), params: { id: "new" }, context: {} })) as Response;
    expect(res.status).toBe(302);
    offerId = (await db.offer.findFirstOrThrow({ where: { shop: TEST_SHOP } })).id;
  },
  onStart: (started) => (admin = started),
});

describe("the editor's preview of the post-purchase page", () => {
  it("shows the offered product, its discounted price, Pay now and the decline; and the popup again on the other tab", async () => {
    const page = await admin.context.newPage();
    await admin.open(page, `/app/offers/${offerId}`);
    await answerPicker(page, [pick(SNEAKERS)]);
    await page.getByRole("button", { name: "Add to sample cart" }).click();
    // The offer shows in the cart too: the editor opens on the popup.
    const popup = page.frameLocator('[data-testid="preview-frame"]');
    await waitForVisible(page, popup.getByText("Complete the look").first());

    await page.getByRole("button", { name: "After payment page" }).click();
    const pp = page.getByTestId("post-purchase-preview");
    await waitForVisible(page, pp);
    expect(await page.locator('[data-testid="preview-frame"]').count()).toBe(0);
    await pp.getByText("Merino socks", { exact: true }).waitFor();
    expect(await pp.getByRole("img", { name: "Grey merino socks" }).getAttribute("src")).toBe(SOCKS_IMAGE);
    // €12.00 at 10% off, in the shop's currency (the fake shop is in euros).
    expect((await pp.getByTestId("post-purchase-price").innerText()).replace(/\s+/g, " ")).toBe("€12.00 €10.80 10% off");
    // €100 paid: the 25% cap lets two pairs be added in one click.
    expect(await pp.getByLabel("Quantity").locator("option").allInnerTexts()).toEqual(["1", "2"]);
    await pp.getByRole("button", { name: "Pay now · €10.80" }).waitFor();
    // The only urgency: the end the merchant set and chose to show.
    await pp.getByText("Offer ends Dec 24, 2030").waitFor();
    await pp.getByRole("button", { name: "Decline this offer" }).waitFor();
    await page.getByText("Shipping and taxes are calculated by Shopify at checkout", { exact: false }).waitFor();
    // Tall enough for the whole sticky preview: it scrolls inside itself, which a full-page capture does not unroll.
    await page.setViewportSize({ width: 1280, height: 1700 });
    await page.screenshot({ path: path.join(SHOTS, "editor-post-purchase-preview-1280.png") });

    // The quantity picker is the page's: two pairs, €21.60.
    await pp.getByLabel("Quantity").selectOption("2");
    await pp.getByRole("button", { name: "Pay now · €21.60" }).waitFor();

    // In Arabic: the merchant's Arabic copy, the page's own words, right to left.
    await page.evaluate(() => document.documentElement.setAttribute("dir", "rtl"));
    await page.getByLabel("Language", { exact: true }).selectOption("ar");
    await waitForVisible(page, pp.getByText("أكمل إطلالتك").first());
    expect(await pp.getAttribute("dir")).toBe("rtl");
    await pp.getByRole("button", { name: "رفض هذا العرض" }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, "editor-post-purchase-preview-rtl-1280.png") });
    await page.evaluate(() => document.documentElement.setAttribute("dir", "ltr"));
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel("Language", { exact: true }).selectOption("en");
    await pp.getByRole("button", { name: "Decline this offer" }).waitFor();

    // On a phone the preview is one tap away, and the page keeps its one column.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("button", { name: "Show preview" }).click();
    await waitForVisible(page, pp);
    // The open preview is a fixed layer that scrolls inside itself: a tall viewport shows all of it.
    await page.setViewportSize({ width: 390, height: 1900 });
    await page.screenshot({ path: path.join(SHOTS, "editor-post-purchase-preview-390.png") });
    await page.getByRole("button", { name: "Back to the form" }).click();
    await page.setViewportSize({ width: 1280, height: 900 });

    // Back to the popup: the storefront's own script again, for the cart.
    await page.getByRole("button", { name: "Storefront popup" }).click();
    await waitForVisible(page, popup.getByText("Complete the look").first());
    expect(await pp.count()).toBe(0);

    // With "After payment (one click)" its only moment, the preview turns to the page by itself.
    await page.getByLabel("Cart page and drawer").uncheck();
    await waitForVisible(page, pp.getByRole("button", { name: "Decline this offer" }));
    await page.close();
  }, 300_000);
});
