import type { SimProduct } from "../../../app/demo-mode/catalog";
import { esc, type CartJson, type PageCtx } from "../pages";

/*
 * A Horizon-shaped theme for the simulated shop (decision record 0070),
 * written for this project after reading Shopify/horizon 3.5, not copied:
 * the cart drawer is a <cart-drawer-component> wrapping a native <dialog>,
 * inside the header section (a section group id, as Horizon's header has);
 * every cart list is a <cart-items-component data-section-id> whose totals
 * live in the same section; the count bubble is a <cart-icon> with refs;
 * handlers come from the components themselves and from declarative
 * on:click / on:submit attributes. Its script is ./horizon.theme.js (served as /cdn/horizon.js).
 */

/** Section ids as Horizon's section groups and templates name them. */
export const HEADER_ID = "sections--hz__header_section";
export const MAIN_ID = "template--hz__main";

const T = {
  en: { add: "Add to cart", cart: "Cart", checkout: "Check out", empty: "Your cart is empty", close: "Close", shop: "Tactful Demo Shop", remove: "Remove", subtotal: "Subtotal", total: "Estimated total", less: "Decrease quantity", more: "Increase quantity", products: "Products" },
  fr: { add: "Ajouter au panier", cart: "Panier", checkout: "Paiement", empty: "Votre panier est vide", close: "Fermer", shop: "Boutique démo Tactful", remove: "Supprimer", subtotal: "Sous-total", total: "Total estimé", less: "Diminuer", more: "Augmenter", products: "Produits" },
  ar: { add: "أضف إلى السلة", cart: "السلة", checkout: "الدفع", empty: "سلتك فارغة", close: "إغلاق", shop: "متجر تاكتفل التجريبي", remove: "إزالة", subtotal: "المجموع الفرعي", total: "الإجمالي التقديري", less: "إنقاص", more: "زيادة", products: "المنتجات" },
};

const section = (id: string, inner: string) => `<div id="shopify-section-${id}" class="shopify-section">${inner}</div>`;

function rows(c: CartJson, p: PageCtx): string {
  const t = T[p.locale];
  return `<form action="${p.root}cart" method="post" class="cart-form" id="cart-form"><table class="cart-items"><tbody>${c.items
    .map((i, n) => {
      const line = n + 1;
      const was = i.original_line_price > i.final_line_price ? `<s class="cart-items__was">${esc(p.money(i.original_line_price))}</s> ` : "";
      const discounts = i.line_level_discount_allocations.length
        ? `<ul class="cart-items__discounts">${i.line_level_discount_allocations.map((d) => `<li>${esc(d.discount_application.title)} <span dir="ltr">(-${esc(p.money(d.amount))})</span></li>`).join("")}</ul>`
        : "";
      return `<tr class="cart-items__table-row" ref="cartItemRows[]" data-key="${esc(i.key)}"><td><img src="${esc(i.image)}" alt="" width="56" height="56"></td><td class="cart-items__details"><a href="${esc(i.url)}">${esc(i.product_title)}</a>${
        i.variant_title ? `<div class="cart-items__variant">${esc(i.variant_title)}</div>` : ""
      }${discounts}</td><td><cart-quantity-selector-component class="quantity-selector"><button type="button" on:click="cart-items-component/changeQuantity" data-line="${line}" data-quantity="${i.quantity - 1}" aria-label="${t.less}">−</button><output class="cart-items__quantity" ref="quantitySelectors[]">${i.quantity}</output><button type="button" on:click="cart-items-component/changeQuantity" data-line="${line}" data-quantity="${i.quantity + 1}" aria-label="${t.more}">+</button></cart-quantity-selector-component><button type="button" class="cart-items__remove" on:click="cart-items-component/changeQuantity" data-line="${line}" data-quantity="0" aria-label="${t.remove}">×</button></td><td class="cart-items__price">${was}<span class="cart-items__final">${esc(p.money(i.final_line_price))}</span></td></tr>`;
    })
    .join("")}</tbody></table></form>`;
}

function summary(c: CartJson, p: PageCtx): string {
  const t = T[p.locale];
  const cartLevel = c.cart_level_discount_applications
    .map((d) => `<li class="cart-discounts__item">${esc(d.title)} <span>-${esc(p.money(d.total_allocated_amount))}</span></li>`)
    .join("");
  return `<div class="cart-totals"><div class="cart-totals__item"><span>${t.subtotal}</span> <span data-testid="cart-subtotal-value">${esc(p.money(c.items_subtotal_price))}</span></div>${
    cartLevel ? `<ul class="cart-discounts">${cartLevel}</ul>` : ""
  }<div class="cart-totals__item cart-totals__total"><span>${t.total}</span> <span ref="cartTotal" data-testid="cart-total-value">${esc(p.money(c.total_price))}</span></div></div><div class="cart__ctas"><button type="submit" id="checkout" class="cart__checkout-button button" name="checkout" form="cart-form">${t.checkout}</button></div>`;
}

/** The cart as Horizon's cart-items-component wraps it: items, totals and a hidden count its own script reads. */
function cartItems(c: CartJson, p: PageCtx, sectionId: string, drawer: boolean): string {
  const t = T[p.locale];
  const head = drawer
    ? `<div class="cart-drawer__header"><h2 class="cart-drawer__heading" id="cart-drawer-heading">${c.items.length ? t.cart : t.empty}</h2><button type="button" class="cart-drawer__close-button" on:click="cart-drawer-component/close" aria-label="${t.close}">×</button></div>`
    : `<h1 class="cart-page__title">${c.items.length ? t.cart : t.empty}</h1>`;
  return `<cart-items-component class="cart-items-component"${drawer ? " data-drawer" : ""} data-section-id="${sectionId}"><span ref="cartItemCount" hidden>${c.item_count}</span>${head}${
    c.items.length ? rows(c, p) + summary(c, p) : ""
  }</cart-items-component>`;
}

function cartIcon(c: CartJson, p: PageCtx): string {
  return `<cart-icon class="header-actions__cart-icon"><span class="header-actions__label">${T[p.locale].cart}</span> <div ref="cartBubble" class="cart-bubble${c.item_count ? "" : " visually-hidden"}"><span ref="cartBubbleText" class="cart-bubble__text"><span ref="cartBubbleCount" class="cart-bubble__text-count${
    c.item_count ? "" : " hidden"
  }" data-testid="cart-bubble">${c.item_count < 100 ? c.item_count : ""}</span></span></div></cart-icon>`;
}

/**
 * The header section. Off the cart page the cart icon is the drawer's
 * trigger and the drawer lives here too; on the cart page (Horizon renders no
 * drawer there) the icon is a plain link to /cart.
 */
export function headerSection(c: CartJson, p: PageCtx, onCartPage: boolean): string {
  const t = T[p.locale];
  const actions = onCartPage
    ? `<a href="${p.root}cart" class="header-actions__action">${cartIcon(c, p)}</a>`
    : `<cart-drawer-component class="cart-drawer"><button type="button" class="header-actions__action" on:click="/open" aria-haspopup="dialog" aria-label="${t.cart}">${cartIcon(c, p)}</button><dialog ref="dialog" class="cart-drawer__dialog" aria-labelledby="cart-drawer-heading"><div class="cart-drawer__inner" data-hydration-key="cart-drawer-inner">${cartItems(c, p, HEADER_ID, true)}</div></dialog></cart-drawer-component>`;
  return section(HEADER_ID, `<header class="header"><a href="${p.root}" class="header__logo">${T[p.locale].shop}</a><header-actions>${actions}</header-actions></header>`);
}

export const mainCartSection = (c: CartJson, p: PageCtx) => section(MAIN_ID, `<div class="cart-page">${cartItems(c, p, MAIN_ID, false)}</div>`);

export function productSection(prod: SimProduct, p: PageCtx, price: (n: number) => number): string {
  const first = prod.variants[0];
  const pick =
    prod.variants.length > 1
      ? `<select name="id" ref="variantId">${prod.variants.map((v) => `<option value="${v.id}">${esc(v.title)}</option>`).join("")}</select>`
      : `<input type="hidden" name="id" value="${first?.id}" ref="variantId">`;
  return section(
    MAIN_ID,
    `<section class="product-information"><img src="/img/${prod.handle}.svg" alt="${esc(prod.title)}" width="320" height="320"><div><h1>${esc(prod.title)}</h1><p class="price">${esc(p.money(price(first?.price ?? 0)))}</p><product-form-component id="ProductFormComponent-${prod.id}" data-section-id="${MAIN_ID}" data-product-id="${prod.id}"><form method="post" action="${p.root}cart/add" id="BuyButtons-ProductForm-${prod.id}" accept-charset="UTF-8" enctype="multipart/form-data" novalidate on:submit="/handleSubmit">${pick}<input type="hidden" name="quantity" value="1"><add-to-cart-component ref="addToCartButtonContainer"><button type="submit" name="add" class="button add-to-cart-button" ref="addToCartButton">${T[p.locale].add}</button></add-to-cart-component><p class="product-form-text__error" ref="addToCartTextError" role="alert"></p><span class="visually-hidden" role="status" ref="liveRegion"></span></form></product-form-component></div></section>`,
  );
}

export function homeSection(products: SimProduct[], p: PageCtx, price: (n: number) => number): string {
  return section(
    MAIN_ID,
    `<h1>${T[p.locale].products}</h1><ul class="grid">${products
      .map((x) => `<li><a href="${p.root}products/${x.handle}"><img src="/img/${x.handle}.svg" alt="" width="160" height="160"><div>${esc(x.title)}</div></a><div>${esc(p.money(price(x.variants[0]?.price ?? 0)))}</div></li>`)
      .join("")}</ul>`,
  );
}

/** Section Rendering for Horizon's ids, rendered for the page at `pagePath` (sections_url), or null for an id it does not have. */
export function horizonSection(id: string, c: CartJson, p: PageCtx, pagePath: string): string | null {
  if (id === HEADER_ID) return headerSection(c, p, /\/cart$/.test(pagePath));
  if (id === MAIN_ID && /\/cart$/.test(pagePath)) return mainCartSection(c, p);
  return null;
}

export function horizonLayout(p: PageCtx, c: CartJson, o: { title: string; pageType: string; main: string; embed: string; shop: string }): string {
  const dir = p.locale === "ar" ? "rtl" : "ltr";
  const shopify = { shop: o.shop, locale: p.locale, currency: { active: p.currency, rate: p.rate }, country: "DE", routes: { root: p.root } };
  const theme = { routes: { root: p.root, cart_url: `${p.root}cart`, cart_add_url: `${p.root}cart/add.js`, cart_change_url: `${p.root}cart/change.js` } };
  return `<!doctype html>
<html lang="${p.locale}" dir="${dir}" data-theme="horizon">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(o.title)} – ${T[p.locale].shop}</title>
<link rel="icon" href="data:,">
<style>
body{font-family:"Helvetica Neue",Arial,sans-serif;margin:0;color:#1a1a1a;background:#fff}
.header{display:flex;justify-content:space-between;align-items:center;padding:1rem 1.5rem;border-bottom:1px solid #eee}
.header a{color:inherit;text-decoration:none}
main{max-width:64rem;margin:0 auto;padding:1.5rem}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:1rem;list-style:none;padding:0}
.grid img,.product-information img{width:100%;height:auto}
.product-information{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:2rem}
@media (max-width:700px){.product-information{grid-template-columns:1fr}}
.button{background:#1a1a1a;color:#fff;border:0;border-radius:.5rem;padding:.8rem 1.5rem;font:inherit;cursor:pointer}
.header-actions__action{background:none;border:0;font:inherit;cursor:pointer;display:flex;gap:.4rem;align-items:center}
cart-icon{display:flex;gap:.4rem;align-items:center}
.cart-bubble{min-width:1.3rem;height:1.3rem;border-radius:50%;background:#1a1a1a;color:#fff;font-size:.75rem;display:flex;align-items:center;justify-content:center}
.visually-hidden,.hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.cart-drawer__dialog{margin:0;margin-inline-start:auto;height:100dvh;max-height:100dvh;width:min(26rem,100vw);max-width:100vw;border:0;padding:1rem;box-sizing:border-box}
.cart-drawer__dialog::backdrop{background:#0005}
.cart-drawer__header{display:flex;justify-content:space-between;align-items:center}
.cart-drawer__close-button{background:none;border:0;font-size:1.5rem;cursor:pointer}
.cart-items{width:100%;border-collapse:collapse}.cart-items td{padding:.4rem;vertical-align:middle}
.cart-items__price{text-align:end;white-space:nowrap}.cart-items__discounts{list-style:none;padding:0;margin:.2rem 0;color:#555;font-size:.85rem}
.quantity-selector{display:inline-flex;gap:.3rem;align-items:center}
.cart-totals__item{display:flex;justify-content:space-between;margin:.4rem 0}.cart-totals__total{font-weight:bold}
.product-form-text__error{color:#b00020;min-height:1.5em}
</style>
<script>window.Shopify = ${JSON.stringify(shopify).replace(/</g, "\\u003c")};window.Theme = ${JSON.stringify(theme).replace(/</g, "\\u003c")};</script>
<script type="module" src="/cdn/horizon.js"></script>
</head>
<body>
<div id="header-group">${headerSection(c, p, o.pageType === "cart")}</div>
<main id="MainContent">${o.main}</main>
${o.embed}
</body>
</html>`;
}
