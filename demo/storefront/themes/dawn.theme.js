// The simulated shop's Dawn-shaped theme script (not Tactful code). Written
// from a reading of Shopify/dawn 15 (cart-drawer.js, cart.js, global.js,
// product-form.js, pubsub.js) to behave as it does where our storefront
// script meets it (decision record 0069):
// - handlers are bound to elements: the cart icon's click by the drawer's
//   constructor, the overlay's click, each +/− button's click, each remove
//   button's click. Markup that replaces those elements drops the handlers.
// - the drawer closes on Escape *keyup* and traps focus while open;
// - rows are addressed by their 1-based line index (`line` in /cart/change);
// - the product form posts FormData to routes.cart_add_url with the sections
//   the drawer asks for, then renders them into the drawer and opens it;
// - a page-internal pub/sub (not a DOM event) tells the cart components.
// No standard cart events and no Shopify.actions.
(() => {
  const routes = window.routes;
  const subscribers = {};
  const subscribe = (name, cb) => {
    (subscribers[name] = subscribers[name] || []).push(cb);
    return () => (subscribers[name] = subscribers[name].filter((x) => x !== cb));
  };
  const publish = (name, data) => Promise.all((subscribers[name] || []).map((cb) => cb(data)));
  const CART_UPDATE = "cart-update";
  const jsonPost = (body) => ({ method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body) });
  const parse = (html) => new DOMParser().parseFromString(html, "text/html");
  const debounce = (fn, ms) => {
    let t;
    return (...a) => {
      clearTimeout(t);
      t = setTimeout(() => fn(...a), ms);
    };
  };

  // The focus trap: document-level listeners that wrap Tab at the container's first and last focusable elements.
  const trap = {};
  const focusables = (el) => [...el.querySelectorAll("a[href], button:enabled, input:not([type=hidden]):enabled, select:enabled, [tabindex]:not([tabindex^='-'])")];
  function removeTrapFocus(back) {
    document.removeEventListener("focusin", trap.focusin);
    document.removeEventListener("focusout", trap.focusout);
    document.removeEventListener("keydown", trap.keydown);
    if (back) back.focus();
  }
  function trapFocus(container, first = container) {
    const all = focusables(container);
    const head = all[0];
    const tail = all[all.length - 1];
    removeTrapFocus();
    trap.focusin = (e) => {
      if (e.target === container || e.target === head || e.target === tail) document.addEventListener("keydown", trap.keydown);
    };
    trap.focusout = () => document.removeEventListener("keydown", trap.keydown);
    trap.keydown = (e) => {
      if (e.code !== "Tab") return;
      if (e.target === tail && !e.shiftKey) {
        e.preventDefault();
        head.focus();
      } else if ((e.target === container || e.target === head) && e.shiftKey) {
        e.preventDefault();
        tail.focus();
      }
    };
    document.addEventListener("focusout", trap.focusout);
    document.addEventListener("focusin", trap.focusin);
    first.focus();
  }

  class CartDrawer extends HTMLElement {
    constructor() {
      super();
      this.addEventListener("keyup", (e) => e.code === "Escape" && this.close());
      this.querySelector("#CartDrawer-Overlay").addEventListener("click", () => this.close());
      const icon = document.getElementById("cart-icon-bubble");
      if (icon) {
        icon.setAttribute("role", "button");
        icon.setAttribute("aria-haspopup", "dialog");
        icon.addEventListener("click", (e) => {
          e.preventDefault();
          this.open(icon);
        });
        icon.addEventListener("keydown", (e) => {
          if (e.code === "Space") {
            e.preventDefault();
            this.open(icon);
          }
        });
      }
    }
    open(by) {
      if (by) this.activeElement = by;
      setTimeout(() => this.classList.add("animate", "active"));
      // Focus moves in once the drawer has slid in (it cannot take focus while still hidden).
      this.addEventListener(
        "transitionend",
        () => {
          const inner = this.querySelector(".drawer__inner");
          trapFocus(this.classList.contains("is-empty") ? this.querySelector(".drawer__inner-empty") || inner : document.getElementById("CartDrawer"), inner);
        },
        { once: true },
      );
      document.body.classList.add("overflow-hidden");
    }
    close() {
      this.classList.remove("active");
      removeTrapFocus(this.activeElement);
      document.body.classList.remove("overflow-hidden");
    }
    setActiveElement(el) {
      this.activeElement = el;
    }
    getSectionsToRender() {
      return [{ id: "cart-drawer", selector: "#CartDrawer" }, { id: "cart-icon-bubble" }];
    }
    // After an add: the drawer's whole #CartDrawer and the bubble from the response's sections, then open.
    renderContents(state) {
      this.classList.remove("is-empty");
      for (const s of this.getSectionsToRender()) {
        const el = s.selector ? document.querySelector(s.selector) : document.getElementById(s.id);
        if (el && state.sections && state.sections[s.id]) el.innerHTML = parse(state.sections[s.id]).querySelector(s.selector || ".shopify-section").innerHTML;
      }
      setTimeout(() => {
        // The overlay inside #CartDrawer was just replaced: bind the new one.
        this.querySelector("#CartDrawer-Overlay").addEventListener("click", () => this.close());
        this.open();
      });
    }
  }
  customElements.define("cart-drawer", CartDrawer);

  class CartItems extends HTMLElement {
    constructor() {
      super();
      this.addEventListener("change", debounce((e) => this.onChange(e), 300));
    }
    connectedCallback() {
      this.unsubscribe = subscribe(CART_UPDATE, (e) => (e.source === "cart-items" ? undefined : this.onCartUpdate()));
    }
    disconnectedCallback() {
      if (this.unsubscribe) this.unsubscribe();
    }
    onChange(e) {
      const input = e.target;
      if (!input.dataset || !input.dataset.index) return;
      this.updateQuantity(input.dataset.index, parseInt(input.value, 10), document.activeElement.getAttribute("name"));
    }
    // The cart changed elsewhere (pub/sub): re-read this component's own section.
    async onCartUpdate() {
      const drawer = this.tagName === "CART-DRAWER-ITEMS";
      const html = parse(await (await fetch(`${routes.cart_url}?section_id=${drawer ? "cart-drawer" : document.getElementById("main-cart-items").dataset.id}`)).text());
      if (!drawer) return void (this.innerHTML = html.querySelector("cart-items").innerHTML);
      for (const sel of ["cart-drawer-items", ".cart-drawer__footer"]) {
        const now = document.querySelector(sel);
        const fresh = html.querySelector(sel);
        if (now && fresh) now.replaceWith(fresh);
      }
    }
    getSectionsToRender() {
      return [
        { id: "main-cart-items", section: document.getElementById("main-cart-items").dataset.id, selector: ".js-contents" },
        { id: "cart-icon-bubble", section: "cart-icon-bubble", selector: ".shopify-section" },
        { id: "cart-live-region-text", section: "cart-live-region-text", selector: ".shopify-section" },
        { id: "main-cart-footer", section: document.getElementById("main-cart-footer").dataset.id, selector: ".js-contents" },
      ];
    }
    updateQuantity(line, quantity, name) {
      const sections = this.getSectionsToRender();
      fetch(routes.cart_change_url, jsonPost({ line, quantity, sections: sections.map((s) => s.section), sections_url: location.pathname }))
        .then((r) => r.json())
        .then((state) => {
          if (state.errors || state.status) {
            const err = document.getElementById("cart-errors") || document.getElementById("CartDrawer-CartErrors");
            if (err) err.textContent = state.description || state.errors;
            return;
          }
          this.classList.toggle("is-empty", state.item_count === 0);
          for (const s of sections) {
            const host = document.getElementById(s.id);
            if (!host || !state.sections[s.section]) continue;
            (host.querySelector(s.selector) || host).innerHTML = parse(state.sections[s.section]).querySelector(s.selector).innerHTML;
          }
          // Focus goes back to the same control of the same line (in the drawer, inside its trap).
          const row = document.getElementById(`CartItem-${line}`) || document.getElementById(`CartDrawer-Item-${line}`);
          const drawer = document.querySelector("cart-drawer");
          const control = row && name && row.querySelector(`[name="${name}"]`);
          const inDrawer = drawer && drawer.classList.contains("active");
          if (control && inDrawer) trapFocus(drawer, control);
          else if (control) control.focus();
          else if (inDrawer) trapFocus(drawer, drawer.querySelector(".drawer__inner"));
          publish(CART_UPDATE, { source: "cart-items", cartData: state });
        });
    }
  }
  customElements.define("cart-items", CartItems);

  class CartDrawerItems extends CartItems {
    getSectionsToRender() {
      return [
        { id: "CartDrawer", section: "cart-drawer", selector: ".drawer__inner" },
        { id: "cart-icon-bubble", section: "cart-icon-bubble", selector: ".shopify-section" },
      ];
    }
  }
  customElements.define("cart-drawer-items", CartDrawerItems);

  class CartRemoveButton extends HTMLElement {
    constructor() {
      super();
      this.addEventListener("click", (e) => {
        e.preventDefault();
        (this.closest("cart-items") || this.closest("cart-drawer-items")).updateQuantity(this.dataset.index, 0);
      });
    }
  }
  customElements.define("cart-remove-button", CartRemoveButton);

  class QuantityInput extends HTMLElement {
    constructor() {
      super();
      this.input = this.querySelector("input");
      for (const b of this.querySelectorAll("button"))
        b.addEventListener("click", (e) => {
          e.preventDefault();
          const before = this.input.value;
          if (b.name === "plus") this.input.stepUp();
          else this.input.stepDown();
          if (before !== this.input.value) this.input.dispatchEvent(new Event("change", { bubbles: true }));
        });
    }
  }
  customElements.define("quantity-input", QuantityInput);

  class ProductForm extends HTMLElement {
    constructor() {
      super();
      this.form = this.querySelector("form");
      this.form.addEventListener("submit", (e) => this.onSubmit(e));
      this.cart = document.querySelector("cart-drawer");
      this.submit = this.querySelector("[type=submit]");
      this.error = this.querySelector(".product-form__error-message");
    }
    onSubmit(e) {
      e.preventDefault();
      if (this.submit.getAttribute("aria-disabled") === "true") return;
      this.submit.setAttribute("aria-disabled", "true");
      if (this.error) this.error.textContent = "";
      const fd = new FormData(this.form);
      if (this.cart) {
        fd.append("sections", this.cart.getSectionsToRender().map((s) => s.id));
        fd.append("sections_url", location.pathname);
        this.cart.setActiveElement(document.activeElement);
      }
      fetch(routes.cart_add_url, { method: "POST", headers: { Accept: "application/javascript", "X-Requested-With": "XMLHttpRequest" }, body: fd })
        .then((r) => r.json())
        .then((state) => {
          if (state.status) {
            if (this.error) this.error.textContent = state.description;
            return;
          }
          if (!this.cart) return void (location.href = routes.cart_url);
          publish(CART_UPDATE, { source: "product-form", productVariantId: fd.get("id"), cartData: state });
          this.cart.renderContents(state);
        })
        .catch(() => 0)
        .finally(() => this.submit.removeAttribute("aria-disabled"));
    }
  }
  customElements.define("product-form", ProductForm);
})();
