import { esc, type CartJson, type PageCtx } from "../pages";

/*
 * The Dawn 15 shape of the simulated shop (decision record 0069), written
 * from a reading of Shopify/dawn, not copied from it. What matters is the
 * structure our storefront script meets in Dawn and the themes built on it:
 * - the cart drawer is rendered at body level by the layout, with no
 *   `shopify-section-*` wrapper; the section id `cart-drawer` still renders it;
 * - the header is one section; its `#cart-icon-bubble` link is what the
 *   `cart-icon-bubble` section's HTML goes into;
 * - the cart page has two sections, the items (`#main-cart-items[data-id]`,
 *   `.js-contents`) and the footer with the totals (`#main-cart-footer[data-id]`);
 * - rows are addressed by their 1-based line index, as Dawn's +/− and remove do.
 * Its behaviour (handlers bound to elements, Esc on keyup, the focus trap) is
 * in dawn.theme.js.
 */

export const DAWN_HEADER = "sections--dawn__header";
export const DAWN_CART_ITEMS = "template--dawn__cart-items";
export const DAWN_CART_FOOTER = "template--dawn__cart-footer";

const T = {
  en: { cart: "Cart", your: "Your cart", checkout: "Check out", empty: "Your cart is empty", close: "Close", total: "Estimated total", remove: "Remove", minus: "Decrease quantity for", plus: "Increase quantity for", qty: "Quantity for", items: "items", taxes: "Taxes and shipping calculated at checkout", next: "New estimated total" },
  fr: { cart: "Panier", your: "Votre panier", checkout: "Paiement", empty: "Votre panier est vide", close: "Fermer", total: "Total estimé", remove: "Supprimer", minus: "Diminuer la quantité de", plus: "Augmenter la quantité de", qty: "Quantité de", items: "articles", taxes: "Taxes et frais d'expédition calculés lors du paiement", next: "Nouveau total estimé" },
  ar: { cart: "السلة", your: "سلتك", checkout: "الدفع", empty: "سلتك فارغة", close: "إغلاق", total: "الإجمالي التقديري", remove: "إزالة", minus: "تقليل الكمية لـ", plus: "زيادة الكمية لـ", qty: "الكمية لـ", items: "منتجات", taxes: "تحسب الضرائب والشحن عند الدفع", next: "الإجمالي التقديري الجديد" },
};

const section = (id: string, inner: string, cls = "") => `<div id="shopify-section-${id}" class="shopify-section${cls}">${inner}</div>`;
/** Liquid's money_with_currency. */
const withCurrency = (c: CartJson, p: PageCtx, n: number) => `${p.money(n)} ${c.currency}`;

/** Rows as Dawn renders them in the drawer ("CartDrawer-Item-", "Drawer-quantity-") and on the cart page ("CartItem-", "Quantity-"). */
function rows(c: CartJson, p: PageCtx, drawer: boolean): string {
  const t = T[p.locale];
  return `<table class="cart-items"><tbody>${c.items
    .map((i, n) => {
      const line = n + 1;
      const name = esc(i.product_title);
      return `<tr id="${drawer ? "CartDrawer-Item" : "CartItem"}-${line}" class="cart-item"><td class="cart-item__media"><img class="cart-item__image" src="${esc(i.image)}" alt="" width="64" height="64"></td><td class="cart-item__details"><a href="${esc(i.url)}" class="cart-item__name">${name}</a>${
        i.variant_title ? `<div class="product-option">${esc(i.variant_title)}</div>` : ""
      }<div class="product-option">${esc(p.money(i.original_price))}</div></td><td class="cart-item__quantity"><quantity-input class="quantity cart-quantity"><button class="quantity__button" name="minus" type="button" aria-label="${t.minus} ${name}">−</button><input class="quantity__input" type="number" name="updates[]" value="${i.quantity}" min="0" step="1" aria-label="${t.qty} ${name}" id="${drawer ? "Drawer-quantity" : "Quantity"}-${line}" data-index="${line}"><button class="quantity__button" name="plus" type="button" aria-label="${t.plus} ${name}">+</button></quantity-input><cart-remove-button id="${drawer ? "CartDrawer-Remove" : "Remove"}-${line}" data-index="${line}"><button type="button" class="cart-remove-button" aria-label="${t.remove} ${name}">✕</button></cart-remove-button></td><td class="cart-item__totals"><span class="price">${esc(p.money(i.final_line_price))}</span></td></tr>`;
    })
    .join("")}</tbody></table>`;
}

/** The body-level drawer (Dawn's snippets/cart-drawer.liquid, rendered by the layout and by the `cart-drawer` section). */
export function dawnDrawer(c: CartJson, p: PageCtx): string {
  const t = T[p.locale];
  const empty = !c.items.length;
  const close = `<button class="drawer__close" type="button" onclick="this.closest('cart-drawer').close()" aria-label="${t.close}">×</button>`;
  return `<cart-drawer class="drawer${empty ? " is-empty" : ""}"><div id="CartDrawer" class="cart-drawer"><div id="CartDrawer-Overlay" class="cart-drawer__overlay"></div><div class="drawer__inner" role="dialog" aria-modal="true" aria-label="${t.your}" tabindex="-1">${
    empty ? `<div class="drawer__inner-empty"><h2 class="cart__empty-text">${t.empty}</h2>${close}</div>` : ""
  }<div class="drawer__header"><h2 class="drawer__heading">${t.your}</h2>${close}</div><cart-drawer-items${empty ? ' class="is-empty"' : ""}><form action="${p.root}cart" id="CartDrawer-Form" class="cart__contents" method="post"><div id="CartDrawer-CartItems" class="drawer__contents js-contents">${
    empty ? "" : rows(c, p, true)
  }<p id="CartDrawer-LiveRegionText" class="visually-hidden" role="status"></p><p id="CartDrawer-LineItemStatus" class="visually-hidden" aria-hidden="true" role="status">…</p></div><div id="CartDrawer-CartErrors" role="alert"></div></form></cart-drawer-items><div class="drawer__footer"><div class="cart-drawer__footer"><div class="totals" role="status"><h2 class="totals__total">${t.total}</h2><p class="totals__total-value">${esc(
    withCurrency(c, p, c.total_price),
  )}</p></div></div><div class="cart__ctas"><button type="submit" id="CartDrawer-Checkout" class="cart__checkout-button button" name="checkout" form="CartDrawer-Form"${empty ? " disabled" : ""}>${t.checkout}</button></div></div></div></div></cart-drawer>`;
}

/** What goes inside the header's #cart-icon-bubble link (Dawn's sections/cart-icon-bubble.liquid). */
function bubble(c: CartJson, p: PageCtx): string {
  const t = T[p.locale];
  return `<span class="svg-wrapper" aria-hidden="true"><svg width="26" height="26" viewBox="0 0 26 26" fill="none" stroke="currentColor" stroke-width="1.5"><path d="M3 5h3l2.5 12h11l2.5-8H8"/><circle cx="10" cy="21" r="1.5"/><circle cx="18" cy="21" r="1.5"/></svg></span><span class="visually-hidden">${t.cart}</span>${
    c.item_count ? `<div class="cart-count-bubble"><span aria-hidden="true">${c.item_count}</span><span class="visually-hidden">${c.item_count} ${t.items}</span></div>` : ""
  }`;
}

function header(c: CartJson, p: PageCtx, shop: string): string {
  return `<sticky-header class="header-wrapper"><header class="header"><a href="${p.root}" class="header__heading-link">${esc(shop)}</a><a href="${p.root}cart" class="header__icon header__icon--cart" id="cart-icon-bubble">${bubble(c, p)}</a></header></sticky-header>`;
}

function cartItems(c: CartJson, p: PageCtx): string {
  const t = T[p.locale];
  const empty = !c.items.length;
  return `<cart-items class="${empty ? "is-empty" : "page-width"}"><div class="title-wrapper-with-link"><h1 class="title">${t.your}</h1></div>${
    empty ? `<div class="cart__warnings"><h2 class="cart__empty-text">${t.empty}</h2></div>` : ""
  }<form action="${p.root}cart" class="cart__contents" method="post" id="cart"><div class="cart__items" id="main-cart-items" data-id="${DAWN_CART_ITEMS}"><div class="js-contents">${empty ? "" : rows(c, p, false)}</div></div><p class="visually-hidden" id="cart-live-region-text" aria-live="polite" role="status"></p><p class="visually-hidden" id="shopping-cart-line-item-status" aria-live="polite" aria-hidden="true" role="status">…</p></form></cart-items>`;
}

function cartFooter(c: CartJson, p: PageCtx): string {
  const t = T[p.locale];
  const empty = !c.items.length;
  return `<div class="page-width${empty ? " is-empty" : ""}" id="main-cart-footer" data-id="${DAWN_CART_FOOTER}"><div class="cart__footer"><div class="cart__blocks"><div class="js-contents"><div class="totals"><h2 class="totals__total">${t.total}</h2><p class="totals__total-value">${esc(
    withCurrency(c, p, c.total_price),
  )}</p></div><small class="tax-note">${t.taxes}</small></div><div class="cart__ctas"><button type="submit" id="checkout" class="cart__checkout-button button" name="checkout" form="cart"${empty ? " disabled" : ""}>${t.checkout}</button></div><div id="cart-errors"></div></div></div></div>`;
}

/** The cart page's main content: two sections, as Dawn's templates/cart.json. */
export const dawnCartMain = (c: CartJson, p: PageCtx) => section(DAWN_CART_ITEMS, cartItems(c, p)) + section(DAWN_CART_FOOTER, cartFooter(c, p), " cart__footer-wrapper");

/** One section as Shopify renders it for `sections=` / `section_id=`; null for an id this theme has no section for. */
export function dawnSection(id: string, c: CartJson, p: PageCtx, shop: string): string | null {
  if (id === "cart-drawer") return section(id, dawnDrawer(c, p));
  if (id === "cart-icon-bubble") return section(id, bubble(c, p));
  if (id === "cart-live-region-text") return section(id, `${T[p.locale].next}: ${esc(withCurrency(c, p, c.total_price))}`);
  if (id === DAWN_HEADER) return section(id, header(c, p, shop), " shopify-section-group-header-group section-header");
  if (id === DAWN_CART_ITEMS) return section(id, cartItems(c, p));
  if (id === DAWN_CART_FOOTER) return section(id, cartFooter(c, p), " cart__footer-wrapper");
  return null;
}

export const DAWN_CSS = `
body{font-family:Assistant,'Helvetica Neue',Arial,sans-serif;margin:0;color:#121212;background:#fff;font-size:1rem}
.visually-hidden{position:absolute!important;overflow:hidden;width:1px;height:1px;margin:-1px;padding:0;border:0;clip:rect(0 0 0 0);word-wrap:normal!important}
.header{display:flex;justify-content:space-between;align-items:center;padding:1.25rem 3rem;border-bottom:1px solid #1212121a}
.header a{color:inherit;text-decoration:none}
.header__heading-link{font-size:1.5rem;letter-spacing:.06rem}
.header__icon--cart{position:relative;display:inline-flex;width:2.75rem;height:2.75rem;align-items:center;justify-content:center}
.cart-count-bubble{position:absolute;bottom:.2rem;inset-inline-end:0;background:#121212;color:#fff;border-radius:100%;width:1.3rem;height:1.3rem;font-size:.75rem;display:flex;align-items:center;justify-content:center}
main{max-width:75rem;margin:0 auto;padding:2rem 3rem}
@media (max-width:749px){.header{padding:1rem 1.5rem}main{padding:1.5rem}}
.button,.product-form__submit{background:#121212;color:#fff;border:0;padding:.9rem 2rem;font:inherit;cursor:pointer;min-width:12rem}
.button[disabled]{opacity:.5}
.product{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:3rem}
@media (max-width:749px){.product{grid-template-columns:1fr;gap:1rem}}
.product img{width:100%;height:auto}
.product-form__error-message-wrapper{color:#b00020;margin:.5rem 0}
.drawer{position:fixed;z-index:1000;inset:0;width:100vw;height:100%;display:flex;justify-content:flex-end;background:#0000;transition:visibility .1s ease;visibility:hidden}
.drawer.active{visibility:visible;background:#12121280}
.cart-drawer{display:contents}
.cart-drawer__overlay{position:fixed;inset:0}
.drawer__inner{position:relative;height:100%;width:min(25rem,100vw);padding:0 1.5rem;background:#fff;border-inline-start:1px solid #1212121a;display:flex;flex-direction:column;overflow:hidden;transform:translateX(100%);transition:transform .1s ease}
[dir=rtl] .drawer__inner{transform:translateX(-100%)}
.drawer.active .drawer__inner{transform:translateX(0)}
.drawer__header{display:flex;justify-content:space-between;align-items:center;padding:1.5rem 0}
.drawer__heading{margin:0;font-size:1.3rem;font-weight:400}
.drawer__close{background:none;border:0;font-size:1.6rem;cursor:pointer}
cart-drawer-items{flex:1;overflow:auto}
.drawer__footer{border-top:1px solid #1212121a;padding:1rem 0 1.5rem}
.totals{display:flex;justify-content:space-between;align-items:baseline}
.totals__total{font-size:1rem;font-weight:400;margin:0}
.totals__total-value{font-size:1.1rem;margin:.5rem 0}
.cart__ctas .button{width:100%}
.cart-items{width:100%;border-collapse:collapse}
.cart-item td{padding:.6rem .3rem;vertical-align:top}
.cart-item__name{color:inherit;font-weight:600}
.product-option{font-size:.85rem;color:#121212bf}
.cart-item__totals{text-align:end;white-space:nowrap}
quantity-input{display:inline-flex;border:1px solid #121212a0;align-items:center}
.quantity__button{background:none;border:0;width:2rem;height:2.2rem;cursor:pointer;font-size:1rem}
.quantity__input{width:2.2rem;text-align:center;border:0;font:inherit;-moz-appearance:textfield}
.quantity__input::-webkit-inner-spin-button{display:none}
.cart-remove-button{background:none;border:0;cursor:pointer;margin-inline-start:.5rem}
.cart__footer{display:flex;justify-content:flex-end}
.cart__blocks{width:min(22rem,100%)}
.tax-note{display:block;margin:.5rem 0 1rem;color:#121212bf}
`;

/** Dawn's layout/theme.liquid: the drawer first in <body>, then the header group, then the main content. */
export function dawnLayout(p: PageCtx, c: CartJson, o: { title: string; main: string; embed: string; shop: string }): string {
  const dir = p.locale === "ar" ? "rtl" : "ltr";
  const shopify = { shop: o.shop, locale: p.locale, currency: { active: p.currency, rate: p.rate }, country: "DE", routes: { root: p.root } };
  const routes = { cart_add_url: `${p.root}cart/add`, cart_change_url: `${p.root}cart/change`, cart_update_url: `${p.root}cart/update`, cart_url: `${p.root}cart` };
  const json = (v: unknown) => JSON.stringify(v).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="${p.locale}" dir="${dir}" data-theme="dawn">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(o.title)} – ${esc(o.shop)}</title>
<link rel="icon" href="data:,">
<style>${DAWN_CSS}</style>
<script>window.Shopify = ${json(shopify)};</script>
<script>window.routes = ${json(routes)};</script>
<script src="/cdn/dawn.js" defer></script>
</head>
<body>
${dawnDrawer(c, p)}
${section(DAWN_HEADER, header(c, p, o.shop), " shopify-section-group-header-group section-header")}
<main id="MainContent" class="content-for-layout" role="main" tabindex="-1">${o.main}</main>
${o.embed}
</body>
</html>`;
}
