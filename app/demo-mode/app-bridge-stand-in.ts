/*
 * Demo mode's stand-in for https://cdn.shopify.com/shopifycloud/app-bridge.js,
 * so the admin opens in a normal browser tab on this machine: the `shopify`
 * global with idToken() (a fresh token from /demo/session-token), fetch
 * patched to send it as a bearer header on same-origin requests (what App
 * Bridge does), toast, saveBar, and a ResourcePicker over the demo catalog.
 * Served only by /demo/app-bridge.js, which 404s outside demo mode.
 */
export function appBridgeStandIn(o: { apiKey: string; shop: string; catalog: unknown }): string {
  return `(() => {
const CATALOG = ${JSON.stringify(o.catalog).replace(/</g, "\\u003c")};
const realFetch = window.fetch.bind(window);
let cached = null;
async function idToken() {
  if (cached && cached.until > Date.now()) return cached.token;
  const res = await realFetch("/demo/session-token", { cache: "no-store" });
  const { token } = await res.json();
  cached = { token, until: Date.now() + 45000 };
  return token;
}
window.fetch = async (input, init = {}) => {
  const url = new URL(typeof input === "string" || input instanceof URL ? String(input) : input.url, location.href);
  if (url.origin !== location.origin) return realFetch(input, init);
  const headers = new Headers(init.headers || (input instanceof Request ? input.headers : undefined));
  headers.set("Authorization", "Bearer " + (await idToken()));
  return realFetch(input, { ...init, headers });
};
const h = (tag, attrs = {}, ...kids) => { const el = document.createElement(tag); for (const [k, v] of Object.entries(attrs)) k === "text" ? (el.textContent = v) : el.setAttribute(k, v); el.append(...kids); return el; };

function resourcePicker(options = {}) {
  const type = options.type || "product";
  const multiple = options.multiple === true ? Infinity : typeof options.multiple === "number" ? options.multiple : 1;
  const chosen = new Set((options.selectionIds || []).map((s) => s.id));
  const rows = type === "collection" ? CATALOG.collections.map((c) => ({ id: c.id, label: c.title, value: { id: c.id, title: c.title, handle: c.handle } }))
    : type === "variant" ? CATALOG.products.flatMap((p) => p.variants.map((v) => ({ id: v.id, label: p.title + " – " + v.title, value: { id: v.id, title: v.title, price: v.price, displayName: p.title + " - " + v.title, product: { id: p.id, title: p.title, handle: p.handle } } })))
    : CATALOG.products.map((p) => ({ id: p.id, label: p.title, sub: p.variants.length + " variant" + (p.variants.length > 1 ? "s" : "") + " · €" + p.variants[0].price, value: { id: p.id, title: p.title, handle: p.handle, images: [{ originalSrc: p.image }], variants: p.variants.map((v) => ({ id: v.id, title: v.title, price: v.price, availableForSale: v.availableForSale })) } }));
  return new Promise((resolve) => {
    const dialog = h("dialog", { "aria-label": "Select " + type + "s", "data-testid": "resource-picker" });
    dialog.style.cssText = "width:min(520px,92vw);max-height:80vh;border:0;border-radius:12px;padding:0;box-shadow:0 8px 32px rgba(0,0,0,.3);font:14px system-ui";
    const search = h("input", { type: "search", placeholder: "Search " + type + "s", "aria-label": "Search" });
    search.style.cssText = "width:100%;box-sizing:border-box;padding:8px;border:1px solid #ccc;border-radius:8px";
    const list = h("ul");
    list.style.cssText = "list-style:none;margin:0;padding:0 16px;overflow:auto;max-height:50vh";
    const render = () => {
      list.replaceChildren(...rows.filter((r) => r.label.toLowerCase().includes(search.value.toLowerCase())).map((r) => {
        const box = h("input", { type: multiple === 1 ? "radio" : "checkbox", name: "pick", "aria-label": r.label });
        box.checked = chosen.has(r.id);
        box.onchange = () => { if (multiple === 1) chosen.clear(); box.checked ? chosen.add(r.id) : chosen.delete(r.id); if (chosen.size > multiple) { chosen.delete(r.id); box.checked = false; } };
        const label = h("label", {}, box, " " + r.label, ...(r.sub ? [h("small", { text: "  " + r.sub })] : []));
        label.style.cssText = "display:block;padding:8px 0;border-bottom:1px solid #eee;cursor:pointer";
        return h("li", {}, label);
      }));
    };
    search.oninput = render;
    const done = (value) => { dialog.close(); dialog.remove(); resolve(value); };
    const cancel = h("button", { type: "button", text: "Cancel" });
    const select = h("button", { type: "button", text: "Select", "data-testid": "picker-select" });
    for (const b of [cancel, select]) b.style.cssText = "font:600 13px system-ui;padding:8px 14px;border-radius:8px;border:1px solid #ccc;background:#fff;cursor:pointer";
    select.style.background = "#303030"; select.style.color = "#fff";
    cancel.onclick = () => done(undefined);
    select.onclick = () => { const picked = rows.filter((r) => chosen.has(r.id)).map((r) => r.value); done(Object.assign(picked, { selection: picked })); };
    dialog.oncancel = (e) => { e.preventDefault(); done(undefined); };
    const head = h("div", {}, h("h2", { text: "Select " + type + "s (demo catalog)" }), search);
    head.style.cssText = "padding:16px";
    const foot = h("div", {}, cancel, select);
    foot.style.cssText = "display:flex;gap:8px;justify-content:flex-end;padding:16px";
    dialog.append(head, list, foot);
    document.body.append(dialog);
    render();
    dialog.showModal();
  });
}

window.shopify = {
  config: { apiKey: ${JSON.stringify(o.apiKey)}, shop: ${JSON.stringify(o.shop)}, locale: "en" },
  environment: { embedded: false, mobile: false, pos: false },
  idToken,
  resourcePicker,
  toast: {
    show(message) {
      const el = h("div", { role: "status", "data-testid": "toast", text: message });
      el.style.cssText = "position:fixed;bottom:16px;left:50%;transform:translateX(-50%);background:#303030;color:#fff;padding:8px 16px;border-radius:8px;z-index:1000;font:14px system-ui";
      document.body.append(el);
      setTimeout(() => el.remove(), 3000);
    },
  },
  saveBar: { show: async (id) => document.getElementById(id)?.show(), hide: async (id) => document.getElementById(id)?.hide(), toggle: async (id) => { const el = document.getElementById(id); el?.showing ? el.hide() : el?.show(); } },
  loading() {},
};

const style = document.createElement("style");
style.textContent =
  "ui-save-bar{display:none}ui-save-bar[data-open]{display:flex;gap:8px;justify-content:flex-end;align-items:center;position:fixed;top:0;left:0;right:0;z-index:600;padding:10px 16px;background:#1a1a1a}" +
  "ui-save-bar[data-open]::before{content:'Unsaved changes';color:#fff;margin-inline-end:auto;font:600 14px system-ui}" +
  "ui-save-bar button{font:600 13px system-ui;padding:6px 12px;border-radius:8px;border:0;background:#fff;color:#303030;cursor:pointer}ui-save-bar button[variant=primary]{background:#303030;color:#fff;box-shadow:inset 0 0 0 1px #888}" +
  "ui-nav-menu{display:flex;gap:20px;align-items:center;padding:10px 20px;background:#1a1a1a;font:600 14px system-ui}ui-nav-menu a{color:#fff;text-decoration:none}ui-nav-menu a:hover{text-decoration:underline}" +
  "ui-nav-menu::after{content:'Demo shop · no Shopify login';margin-inline-start:auto;color:#b5b5b5;font-weight:400}ui-title-bar{display:none}" +
  // One line on a phone (it wrapped onto five): no word breaks, the bar scrolls sideways, a shorter label.
  "ui-nav-menu{white-space:nowrap;overflow-x:auto}@media (max-width:600px){ui-nav-menu{gap:14px;padding:10px 16px}ui-nav-menu::after{content:'Demo shop'}}";
document.head.append(style);
customElements.define("ui-save-bar", class extends HTMLElement {
  show() { this.setAttribute("data-open", ""); this.dispatchEvent(new Event("show")); return Promise.resolve(); }
  hide() { this.removeAttribute("data-open"); this.dispatchEvent(new Event("hide")); return Promise.resolve(); }
  get showing() { return this.hasAttribute("data-open"); }
});
customElements.define("ui-nav-menu", class extends HTMLElement {});
customElements.define("ui-title-bar", class extends HTMLElement {});
customElements.define("ui-modal", class extends HTMLElement {});
})();
`;
}
