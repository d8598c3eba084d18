import { setFetch } from "./ajax";
import { cartOps } from "./cart-ops";
import { CART_READY, type CartChunk } from "./link";

/*
 * The cart chunk (assets/tactful-cart.js, decision record 0081): what runs
 * only once a shopper accepts, the cart changes and every theme's refresh.
 * The popup module fetches it when it shows a popup, so it is there before
 * Accept can be clicked; like the module, it hands itself over in an event.
 */

const start: CartChunk["start"] = (root, pageType, fetch) => {
  setFetch(fetch);
  return cartOps(root, pageType);
};

document.dispatchEvent(new CustomEvent<CartChunk>(CART_READY, { detail: { start } }));
