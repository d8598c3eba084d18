/** @jsxImportSource preact */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { OfferBlock } from "./OfferBlock";
import { shopifyGlobal } from "./shopify-api";

// purchase.checkout.block.render: the offer, added to this order in place.
export default async () => {
  render(<OfferBlock api={shopifyGlobal()} moment="CHECKOUT" />, document.body);
};
