// The simulated shop's own theme script (Dawn-shaped; not Tactful code).
// Modes, from <html data-theme>: "standard" dispatches Shopify's standard
// `shopify:cart:lines-update` events and configures Shopify.actions;
// "legacy" posts with fetch and dispatches nothing; "legacy-xhr" posts with
// XMLHttpRequest, like jQuery-era themes.
(() => {
  const S = window.Shopify;
  const root = S.routes.root;
  const mode = document.documentElement.dataset.theme;
  const sectionIds = () => ["cart-drawer", "cart-icon-bubble"].concat(document.getElementById("shopify-section-main-cart-items") ? ["main-cart-items"] : []);
  const drawer = () => document.querySelector("cart-drawer");

  function renderSections(sections) {
    if (!sections) return;
    for (const id in sections) {
      const el = document.getElementById("shopify-section-" + id);
      if (!el || sections[id] == null) continue;
      const fresh = new DOMParser().parseFromString(sections[id], "text/html").getElementById("shopify-section-" + id);
      el.innerHTML = fresh ? fresh.innerHTML : sections[id];
    }
  }
  const getCart = async () => (await fetch(root + "cart.js")).json();
  const refresh = async () => renderSections(await (await fetch(location.pathname + "?sections=" + sectionIds().join(","))).json());

  function post(url, body) {
    if (mode === "legacy-xhr")
      return new Promise((resolve, reject) => {
        const x = new XMLHttpRequest();
        x.open("POST", url);
        x.setRequestHeader("Content-Type", "application/json");
        x.onload = () => resolve({ ok: x.status < 300, status: x.status, json: JSON.parse(x.responseText) });
        x.onerror = reject;
        x.send(JSON.stringify(body));
      });
    return fetch(url, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body) }).then(async (r) => ({
      ok: r.ok,
      status: r.status,
      json: await r.json(),
    }));
  }

  class CartDrawer extends HTMLElement {
    connectedCallback() {
      this.addEventListener("click", (e) => {
        if (e.target.closest(".drawer__close") || e.target.classList.contains("drawer__overlay")) this.close();
      });
    }
    open() {
      this.setAttribute("open", "");
      this.classList.add("active");
    }
    close() {
      this.removeAttribute("open");
      this.classList.remove("active");
    }
  }
  if (!customElements.get("cart-drawer")) customElements.define("cart-drawer", CartDrawer);
  document.addEventListener("click", (e) => {
    if (e.target.closest && e.target.closest("#cart-icon-bubble") && drawer()) {
      e.preventDefault();
      drawer().open();
    }
  });

  class ProductForm extends HTMLElement {
    connectedCallback() {
      this.form = this.querySelector("form");
      this.err = this.querySelector(".product-form__error-message");
      this.form.addEventListener("submit", (e) => this.onSubmit(e));
    }
    onSubmit(e) {
      e.preventDefault();
      const fd = new FormData(this.form);
      const id = Number(fd.get("id"));
      const quantity = Number(fd.get("quantity") || 1);
      const btn = this.form.querySelector("[type=submit]");
      btn.setAttribute("aria-disabled", "true");
      this.err.textContent = "";
      const req = post(root + "cart/add.js", { items: [{ id, quantity }], sections: sectionIds().join(","), sections_url: location.pathname });
      if (mode === "standard") {
        const promise = req.then(async (r) => (r.ok ? { cart: await getCart() } : { cart: await getCart(), userErrors: [{ message: r.json.description }] }));
        const ev = new Event("shopify:cart:lines-update", { bubbles: true });
        Object.assign(ev, { action: "add", context: "product", lines: [{ merchandiseId: "gid://shopify/ProductVariant/" + id, quantity }], promise });
        this.dispatchEvent(ev);
      }
      req
        .then((r) => {
          if (!r.ok) {
            this.err.textContent = r.json.description;
            return;
          }
          renderSections(r.json.sections);
          if (drawer()) drawer().open();
        })
        .catch(() => (this.err.textContent = "Network error"))
        .finally(() => btn.removeAttribute("aria-disabled"));
    }
  }
  if (!customElements.get("product-form")) customElements.define("product-form", ProductForm);

  if (mode === "standard") {
    // The cart as the standard actions report it (CartSummary; Ajax line keys kept as line ids).
    const summary = (c) => {
      const money = (n) => ({ amount: (n / 100).toFixed(2), currencyCode: c.currency });
      return {
        id: "gid://shopify/Cart/" + c.token,
        totalQuantity: c.item_count,
        cost: { totalAmount: money(c.total_price) },
        lines: c.items.map((i) => ({ id: i.key, quantity: i.quantity, cost: { totalAmount: money(i.final_line_price) } })),
        discountCodes: [],
      };
    };
    // As Shopify documents updateCart: the lines event goes out as the call starts (none without lines), a refusal
    // resolves with userErrors, and the theme redraws its cart from the events, not from the call.
    const updateCart = async (payload = {}, options = {}) => {
      const lines = payload.lines || [];
      const work = (async () => {
        const userErrors = [];
        for (const l of lines) {
          const r = l.merchandiseId
            ? await post(root + "cart/add.js", { items: [{ id: Number(String(l.merchandiseId).split("/").pop()), quantity: l.quantity || 1, properties: Object.fromEntries((l.attributes || []).map((a) => [a.key, a.value])) }] })
            : await post(root + "cart/change.js", { id: l.id, quantity: l.quantity });
          if (!r.ok) userErrors.push({ message: r.json.description });
        }
        return { cart: summary(await getCart()), userErrors, warnings: [] };
      })();
      if (lines.length) {
        const ev = new Event("shopify:cart:lines-update", { bubbles: true });
        const action = lines.some((l) => l.merchandiseId) ? "add" : lines.every((l) => l.quantity === 0) ? "remove" : "update";
        Object.assign(ev, { action, context: (options.event && options.event.context) || "standard-action", lines, promise: work });
        document.dispatchEvent(ev);
      }
      return work;
    };
    // Changes made through the action (by apps) reach the theme's cart UI through their events.
    document.addEventListener("shopify:cart:lines-update", (e) => {
      if (e.context === "standard-action" && e.promise) e.promise.then(refresh, () => 0);
    });
    updateCart.isDefault = () => false;
    const openCart = async () => drawer() && drawer().open();
    openCart.isDefault = () => false;
    const getCartAction = async () => getCart();
    getCartAction.isDefault = () => true;
    S.actions = { updateCart, getCart: getCartAction, openCart };
  }
})();
