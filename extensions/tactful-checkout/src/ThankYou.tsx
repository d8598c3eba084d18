/** @jsxImportSource preact */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { OfferBlock } from "./OfferBlock";
import { shopifyGlobal } from "./shopify-api";

// purchase.thank-you.block.render: the order is placed, so the offer starts a new one.
export default async () => {
  render(<OfferBlock api={shopifyGlobal()} moment="THANK_YOU" />, document.body);
};
