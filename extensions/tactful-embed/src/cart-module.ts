import { setFetch } from "./ajax";
import { cartOps } from "./cart-ops";
import { CART_READY, type CartChunk } from "./link";
import { recommender } from "./recommend";

/*
 * The cart chunk (assets/tactful-cart.js, decision record 0081): what runs
 * only once a shopper accepts, the cart changes and every theme's refresh.
 * The popup module fetches it when it shows a popup, so it is there before
 * Accept can be clicked; like the module, it hands itself over in an event.
 * It also carries what only automatic offers need (recommend.ts): a shop
 * with such an offer has the chunk fetched at decision time instead.
 */

const start: CartChunk["start"] = (root, pageType, fetch) => {
  setFetch(fetch);
  return cartOps(root, pageType);
};

const recommend: CartChunk["recommender"] = (root, fetch) => {
  setFetch(fetch);
  return recommender(root);
};

document.dispatchEvent(new CustomEvent<CartChunk>(CART_READY, { detail: { start, recommender: recommend } }));
