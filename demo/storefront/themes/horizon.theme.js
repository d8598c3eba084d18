// The simulated shop's Horizon-shaped theme script (not Tactful code), written
// for this project after reading Shopify/horizon 3.5 (decision record 0070):
// components that bind their own listeners, declarative on:click / on:submit
// handled from document, the theme's own `cart:update` event carrying
// `detail.data.sections`, and section morphing that keeps elements (and an
// open <dialog>) in place.

const Theme = window.Theme;
const CART_UPDATE = "cart:update";
const SECTION = "shopify-section-";

/** Horizon's CartUpdateEvent / CartAddEvent: a plain Event with `detail = { resource, sourceId, data }`. */
class CartUpdateEvent extends Event {
  constructor(resource, sourceId, data) {
    super(CART_UPDATE, { bubbles: true });
    this.detail = { resource, sourceId, data: { ...data } };
  }
}

// --- morphing: update in place, keyed by id, so elements (and their listeners) survive.
function sameNode(a, b) {
  return a.nodeType === b.nodeType && a.nodeName === b.nodeName && (a.nodeType !== 1 || a.id === b.id);
}
function morphNode(old, fresh) {
  if (old.nodeType === 3 || old.nodeType === 8) {
    if (old.nodeValue !== fresh.nodeValue) old.nodeValue = fresh.nodeValue;
    return;
  }
  if (old.nodeType !== 1) return;
  // An open dialog stays open: the server never renders [open].
  const keepOpen = old instanceof HTMLDialogElement && old.open;
  for (const a of [...old.attributes]) if (!fresh.hasAttribute(a.name) && !(keepOpen && a.name === "open")) old.removeAttribute(a.name);
  for (const a of [...fresh.attributes]) if (old.getAttribute(a.name) !== a.value) old.setAttribute(a.name, a.value);
  morphChildren(old, fresh);
}
function morphChildren(old, fresh) {
  let pool = [...old.childNodes];
  [...fresh.childNodes].forEach((n, i) => {
    const match = pool.find((o) => sameNode(o, n));
    const at = old.childNodes[i] ?? null;
    if (match) {
      pool = pool.filter((o) => o !== match);
      if (match !== at) old.insertBefore(match, at);
      morphNode(match, n);
    } else old.insertBefore(document.importNode(n, true), at);
  });
  for (const o of pool) o.remove();
}
function morphSection(id, html) {
  const fresh = new DOMParser().parseFromString(html, "text/html").getElementById(SECTION + id);
  const el = document.getElementById(SECTION + id);
  if (!el) throw new Error(`Section ${id} not found`);
  if (!fresh) throw new Error(`Section ${id} not found in the section rendering response`);
  morphChildren(el, fresh);
}
/** The Section Rendering API's GET ?section_id=, as Horizon's sectionRenderer does it. */
async function renderSection(id) {
  const url = new URL(location.href);
  url.searchParams.set("section_id", id);
  morphSection(id, await (await fetch(url)).text());
}
const cartSectionIds = () => [...document.querySelectorAll("cart-items-component")].map((e) => e.dataset.sectionId).filter(Boolean);

// --- components
const isComponent = (el) => el instanceof Component || el.tagName.toLowerCase().endsWith("-component");
class Component extends HTMLElement {
  /** Descendants with `ref` (arrays for `name[]`), not crossing into nested components, as Horizon's refs. */
  get refs() {
    const refs = {};
    for (const el of this.querySelectorAll("[ref]")) {
      let owner = el.parentElement;
      while (owner && owner !== this && !isComponent(owner)) owner = owner.parentElement;
      if (owner !== this) continue;
      const name = el.getAttribute("ref");
      if (name.endsWith("[]")) (refs[name.slice(0, -2)] ??= []).push(el);
      else refs[name] = el;
    }
    return refs;
  }
}

class CartDrawerComponent extends Component {
  connectedCallback() {
    document.addEventListener(CART_UPDATE, this.onCartAdd);
  }
  disconnectedCallback() {
    document.removeEventListener(CART_UPDATE, this.onCartAdd);
  }
  onCartAdd = () => {
    if (this.hasAttribute("auto-open")) this.showDialog();
  };
  open() {
    this.showDialog();
  }
  close() {
    this.closeDialog();
  }
  showDialog() {
    const { dialog } = this.refs;
    if (dialog.open) return;
    this.scrollY = window.scrollY;
    requestAnimationFrame(() => {
      // Horizon locks the page behind the drawer this way.
      document.body.style.position = "fixed";
      document.body.style.width = "100%";
      document.body.style.top = `-${this.scrollY}px`;
      dialog.showModal();
      this.addEventListener("click", this.onClick);
      this.addEventListener("keydown", this.onKeyDown);
    });
  }
  closeDialog = () => {
    const { dialog } = this.refs;
    if (!dialog.open) return;
    this.removeEventListener("click", this.onClick);
    this.removeEventListener("keydown", this.onKeyDown);
    dialog.close();
    document.body.style.position = document.body.style.width = document.body.style.top = "";
    window.scrollTo(0, this.scrollY || 0);
  };
  onClick = (e) => {
    const r = this.refs.dialog.getBoundingClientRect();
    const outside = e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom;
    if (e.target === this.refs.dialog && outside) this.closeDialog();
  };
  onKeyDown = (e) => {
    if (e.key !== "Escape") return;
    e.preventDefault();
    this.closeDialog();
  };
}

class CartIcon extends Component {
  connectedCallback() {
    document.addEventListener(CART_UPDATE, this.onCartUpdate);
  }
  disconnectedCallback() {
    document.removeEventListener(CART_UPDATE, this.onCartUpdate);
  }
  onCartUpdate = (event) => {
    const data = event.detail.data ?? {};
    const itemCount = data.itemCount ?? 0;
    const { cartBubble, cartBubbleCount } = this.refs;
    // The product form reports what it added; everyone else reports the cart's count.
    const count = data.source === "product-form-component" ? parseInt(cartBubbleCount.textContent || "0", 10) + itemCount : itemCount;
    cartBubbleCount.textContent = count < 100 ? String(count) : "";
    cartBubbleCount.classList.toggle("hidden", count === 0);
    cartBubble.classList.toggle("visually-hidden", count === 0);
  };
}

class CartItemsComponent extends Component {
  connectedCallback() {
    document.addEventListener(CART_UPDATE, this.onCartUpdate);
  }
  disconnectedCallback() {
    document.removeEventListener(CART_UPDATE, this.onCartUpdate);
  }
  get sectionId() {
    const id = this.dataset.sectionId;
    if (!id) throw new Error("Section id missing");
    return id;
  }
  onCartUpdate = (event) => {
    if (event.target === this) return;
    const html = event.detail.data?.sections?.[this.sectionId];
    if (html) morphSection(this.sectionId, html);
    else renderSection(this.sectionId);
  };
  /** +, − and remove: the line's 1-based index and the quantity wanted, from the pressed button. */
  changeQuantity(event) {
    const { line, quantity } = event.target.dataset;
    this.updateQuantity(Number(line), Number(quantity));
  }
  updateQuantity(line, quantity) {
    const sections = [...new Set([this.sectionId, ...cartSectionIds()])].join(",");
    this.classList.add("cart-items-disabled");
    fetch(Theme.routes.cart_change_url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ line, quantity, sections, sections_url: location.pathname }),
    })
      .then((r) => r.json())
      .then((r) => {
        if (r.status || r.errors) throw new Error(r.description || r.errors);
        const html = r.sections[this.sectionId];
        const count = new DOMParser().parseFromString(html, "text/html").querySelector('[ref="cartItemCount"]')?.textContent;
        this.dispatchEvent(new CartUpdateEvent(r, this.sectionId, { itemCount: count ? parseInt(count, 10) : 0, source: "cart-items-component", sections: r.sections }));
        morphSection(this.sectionId, html);
      })
      .catch((e) => console.error(e))
      .finally(() => this.classList.remove("cart-items-disabled"));
  }
}

class ProductFormComponent extends Component {
  handleSubmit(event) {
    event.preventDefault();
    const form = this.querySelector("form");
    const { addToCartTextError, addToCartButtonContainer } = this.refs;
    const button = addToCartButtonContainer.querySelector("button");
    const fd = new FormData(form);
    fd.set("sections", cartSectionIds().join(","));
    button.disabled = true;
    addToCartTextError.textContent = "";
    fetch(Theme.routes.cart_add_url, { method: "POST", headers: { "X-Requested-With": "XMLHttpRequest", Accept: "application/javascript" }, body: fd })
      .then((r) => r.json())
      .then(async (r) => {
        if (r.status) {
          addToCartTextError.textContent = r.description || r.message;
          this.dispatchEvent(new CustomEvent("cart:error", { bubbles: true, detail: { sourceId: form.id, data: { message: r.message, description: r.description } } }));
          return;
        }
        const cart = await fetch(Theme.routes.root + "cart.js").then((x) => x.json(), () => undefined);
        this.dispatchEvent(
          new CartUpdateEvent(cart, String(fd.get("id")), { source: "product-form-component", itemCount: Number(fd.get("quantity")) || 1, productId: this.dataset.productId, sections: r.sections }),
        );
      })
      .catch((e) => console.error(e))
      .finally(() => (button.disabled = false));
  }
}

for (const [tag, C] of [
  ["cart-drawer-component", CartDrawerComponent],
  ["cart-icon", CartIcon],
  ["cart-items-component", CartItemsComponent],
  ["product-form-component", ProductFormComponent],
  ["cart-quantity-selector-component", class extends Component {}],
  ["add-to-cart-component", class extends Component {}],
  ["header-actions", class extends Component {}],
])
  if (!customElements.get(tag)) customElements.define(tag, C);

// Declarative handlers: on:click="/method" calls the closest component's method,
// on:click="tag/method" the closest <tag>'s, as Horizon's Component does (capture phase, on document).
for (const type of ["click", "submit"])
  document.addEventListener(
    type,
    (event) => {
      const el = event.target instanceof Element ? event.target.closest(`[on\\:${type}]`) : null;
      if (!el) return;
      const [selector, method] = (el.getAttribute(`on:${type}`) ?? "").split("/");
      let instance = selector ? el.closest(selector) : el;
      if (!selector) while (instance && !isComponent(instance)) instance = instance.parentElement;
      const fn = instance?.[method];
      if (typeof fn !== "function") return;
      const proxied = new Proxy(event, { get: (t, k) => (k === "target" ? el : typeof t[k] === "function" ? t[k].bind(t) : t[k]) });
      fn.call(instance, proxied);
    },
    { capture: true },
  );
