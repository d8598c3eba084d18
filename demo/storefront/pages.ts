import type { SimProduct } from "../../app/demo-mode/catalog";
import type { cartJson } from "./ajax-api";

/*
 * Dawn-shaped markup for the simulated shop: sections wrapped in
 * <div id="shopify-section-ID" class="shopify-section">, a <product-form>
 * around <form action="/cart/add">, a <cart-drawer>, the cart page's
 * #main-cart-items and checkout buttons named "checkout". Section HTML is
 * what /cart/*.js return for `sections=`.
 */

export type CartJson = ReturnType<typeof cartJson>;
export interface PageCtx {
  locale: "en" | "fr" | "ar";
  root: string;
  theme: string;
  currency: string;
  rate: string;
  money: (minor: number) => string;
}

const T = {
  en: { add: "Add to cart", cart: "Cart", checkout: "Check out", empty: "Your cart is empty", close: "Close", shop: "Tactful Demo Shop", remove: "Remove", qty: "Quantity", variant: "Option", products: "Products" },
  fr: { add: "Ajouter au panier", cart: "Panier", checkout: "Paiement", empty: "Votre panier est vide", close: "Fermer", shop: "Boutique démo Tactful", remove: "Supprimer", qty: "Quantité", variant: "Option", products: "Produits" },
  ar: { add: "أضف إلى السلة", cart: "السلة", checkout: "الدفع", empty: "سلتك فارغة", close: "إغلاق", shop: "متجر تاكتفل التجريبي", remove: "إزالة", qty: "الكمية", variant: "الخيار", products: "المنتجات" },
};

export const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const section = (id: string, inner: string) => `<div id="shopify-section-${id}" class="shopify-section">${inner}</div>`;

function lines(c: CartJson, p: PageCtx, idPrefix: string): string {
  if (!c.items.length) return `<p class="cart__empty">${T[p.locale].empty}</p>`;
  return `<ul class="cart-items" role="list">${c.items
    .map(
      (i, n) =>
        `<li class="cart-item" data-key="${esc(i.key)}" id="${idPrefix}-${n + 1}"><img src="${esc(i.image)}" alt="" width="64" height="64"><div><a href="${esc(i.url)}">${esc(i.product_title)}</a>${
          i.variant_title ? `<div class="cart-item__variant">${esc(i.variant_title)}</div>` : ""
        }<div class="cart-item__qty">${T[p.locale].qty}: <span class="qty">${i.quantity}</span></div></div><div class="cart-item__price">${
          i.final_line_price < i.original_line_price ? `<s>${esc(p.money(i.original_line_price))}</s> ` : ""
        }${esc(p.money(i.final_line_price))}${i.line_level_discount_allocations.map((d) => `<div class="cart-item__discount">${esc(d.discount_application.title)}</div>`).join("")}</div></li>`,
    )
    .join("")}</ul><p class="totals">${esc(p.money(c.total_price))}</p>`;
}

export const cartIconSection = (c: CartJson, p: PageCtx) =>
  section("cart-icon-bubble", `<a href="${p.root}cart" class="cart-icon" id="cart-icon-bubble">${T[p.locale].cart} <span class="cart-count-bubble">${c.item_count}</span></a>`);

export const drawerSection = (c: CartJson, p: PageCtx) =>
  section(
    "cart-drawer",
    `<cart-drawer class="drawer"><div class="drawer__overlay"></div><div class="drawer__inner" role="dialog" aria-label="${T[p.locale].cart}"><div class="drawer__header"><h2>${T[p.locale].cart}</h2><button type="button" class="drawer__close" aria-label="${T[p.locale].close}">×</button></div><form action="${p.root}cart" method="post" id="CartDrawer-Form">${lines(c, p, "CartDrawer-Item")}${
      c.items.length ? `<button type="submit" name="checkout" class="button" id="CartDrawer-Checkout">${T[p.locale].checkout}</button>` : ""
    }</form></div></cart-drawer>`,
  );

export const mainCartSection = (c: CartJson, p: PageCtx) =>
  section(
    "main-cart-items",
    `<form action="${p.root}cart" method="post" id="cart"><div id="main-cart-items">${lines(c, p, "CartItem")}</div>${
      c.items.length ? `<button type="submit" name="checkout" class="button" id="checkout">${T[p.locale].checkout}</button>` : ""
    }</form>`,
  );

export function layout(p: PageCtx, c: CartJson, o: { title: string; pageType: string; main: string; embed: string; shop: string }): string {
  const dir = p.locale === "ar" ? "rtl" : "ltr";
  const shopify = { shop: o.shop, locale: p.locale, currency: { active: p.currency, rate: p.rate }, country: "DE", routes: { root: p.root } };
  return `<!doctype html>
<html lang="${p.locale}" dir="${dir}" data-theme="${esc(p.theme)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(o.title)} – ${T[p.locale].shop}</title>
<link rel="icon" href="data:,">
<style>
body{font-family:Georgia,'Times New Roman',serif;margin:0;color:#222;background:#faf7f2}
header{display:flex;justify-content:space-between;align-items:center;padding:1rem 1.5rem;background:#fff;border-bottom:1px solid #ddd}
header a{color:inherit}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:1rem;list-style:none;padding:0}
.grid img,.product img{width:100%;height:auto}
.product{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:2rem}
@media (max-width:700px){.product{grid-template-columns:1fr}}
.button,button[type=submit]{background:#222;color:#fff;border:0;padding:.8rem 1.5rem;font:inherit;cursor:pointer}
.product-form__error-message{color:#b00020;min-height:1.5em}
.drawer{position:fixed;inset:0;visibility:hidden;z-index:50}
.drawer.active{visibility:visible}
.drawer__overlay{position:absolute;inset:0;background:#0004}
.drawer__inner{position:absolute;inset-block:0;inset-inline-end:0;width:min(24rem,100vw);background:#fff;padding:1rem;overflow:auto}
.drawer__header{display:flex;justify-content:space-between}
.cart-items{list-style:none;padding:0}.cart-item{display:flex;gap:.75rem;align-items:center;margin-bottom:.75rem}
.cart-item__price{margin-inline-start:auto}
/* A theme's heavy-handed global styles: the popup's shadow DOM must not care. */
button{border-radius:0!important;text-transform:uppercase;letter-spacing:.2em}
h2{color:#a0522d!important;font-size:3rem}
img{border:4px dashed #f0f!important}
</style>
<script>window.Shopify = ${JSON.stringify(shopify).replace(/</g, "\\u003c")};</script>
<script src="/cdn/theme.js" defer></script>
</head>
<body>
<header><a href="${p.root}">${T[p.locale].shop}</a>${cartIconSection(c, p)}</header>
${drawerSection(c, p)}
<main id="MainContent">${o.main}</main>
${o.embed}
</body>
</html>`;
}

export function productMain(prod: SimProduct, p: PageCtx, price: (n: number) => number): string {
  const first = prod.variants[0];
  return `<section class="product"><img src="/img/${prod.handle}.svg" alt="${esc(prod.title)}" width="320" height="320"><div><h1>${esc(prod.title)}</h1><p class="price">${esc(p.money(price(first?.price ?? 0)))}</p>
<product-form class="product-form"><form method="post" action="${p.root}cart/add" id="product-form-${prod.id}" accept-charset="UTF-8">
${
  prod.variants.length > 1
    ? `<label>${T[p.locale].variant} <select name="id">${prod.variants.map((v) => `<option value="${v.id}">${esc(v.title)}</option>`).join("")}</select></label>`
    : `<input type="hidden" name="id" value="${first?.id}">`
}
<input type="hidden" name="quantity" value="1">
<div class="product-form__error-message" role="alert"></div>
<button type="submit" name="add" class="product-form__submit">${T[p.locale].add}</button>
</form></product-form></div></section>`;
}

export function homeMain(products: SimProduct[], p: PageCtx, price: (n: number) => number): string {
  return `<h1>${T[p.locale].products}</h1><ul class="grid">${products
    .map((x) => `<li><a href="${p.root}products/${x.handle}"><img src="/img/${x.handle}.svg" alt="" width="160" height="160"><div>${esc(x.title)}</div></a><div>${esc(p.money(price(x.variants[0]?.price ?? 0)))}</div></li>`)
    .join("")}</ul>`;
}

export function checkoutPage(c: CartJson, p: PageCtx): string {
  return `<!doctype html><html lang="${p.locale}"><head><meta charset="utf-8"><title>Checkout</title></head><body><h1 id="checkout-title">Checkout</h1>${lines(c, p, "Checkout-Item")}</body></html>`;
}
