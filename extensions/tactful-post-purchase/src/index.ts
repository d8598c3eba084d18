import { extend } from "@shopify/post-purchase-ui-extensions";
import { renderOneClick } from "./render";
import { fetchOffer } from "./server";

/*
 * Shopify's post-purchase page (decision 0077). ShouldRender asks the app
 * whether this paid order gets an offer and keeps the answer in the page's
 * storage; Render shows it. Any failure means no page: the shopper goes
 * straight to the order status page and nothing is charged.
 */

extend("Checkout::PostPurchase::ShouldRender", async ({ inputData, storage }) => {
  const offer = await fetchOffer(inputData.token);
  if (offer) await storage.update(offer);
  return { render: offer !== null };
});

extend("Checkout::PostPurchase::Render", (root, api) => renderOneClick(root, api));
