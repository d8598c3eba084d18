// Test-only stand-in for https://cdn.shopify.com/shopifycloud/app-bridge.js,
// served by the browser test in place of the CDN (unreachable here). It does
// what App Bridge does for an app outside the admin frame: adds a fresh
// session token to the app's own fetches, and provides the `shopify` global
// (ResourcePicker answers come from the test) and the ui-save-bar element.
(() => {
  const token = () => window.__tactfulSessionToken();
  const realFetch = window.fetch.bind(window);
  window.fetch = async (input, init = {}) => {
    const url = new URL(typeof input === "string" || input instanceof URL ? String(input) : input.url, location.href);
    if (url.origin !== location.origin) return realFetch(input, init);
    const headers = new Headers(init.headers || (input instanceof Request ? input.headers : undefined));
    headers.set("Authorization", `Bearer ${await token()}`);
    return realFetch(input, { ...init, headers });
  };

  const toasts = [];
  window.shopify = {
    config: { apiKey: document.currentScript?.dataset.apiKey ?? "", shop: "test-shop.myshopify.com", locale: "en" },
    idToken: token,
    resourcePicker: async (options) => {
      window.__pickerCalls = [...(window.__pickerCalls || []), options];
      const next = (window.__pickerAnswers || []).shift();
      return next === undefined ? undefined : next;
    },
    toast: {
      show: (message) => {
        toasts.push(message);
        const el = document.createElement("div");
        el.setAttribute("role", "status");
        el.dataset.testid = "toast";
        el.textContent = message;
        el.style.cssText = "position:fixed;bottom:16px;left:50%;transform:translateX(-50%);background:#303030;color:#fff;padding:8px 16px;border-radius:8px;z-index:1000";
        document.body.append(el);
        setTimeout(() => el.remove(), 3000);
      },
    },
    saveBar: { show: async (id) => document.getElementById(id)?.show(), hide: async (id) => document.getElementById(id)?.hide() },
  };

  const style = document.createElement("style");
  style.textContent =
    // The admin draws the nav from ui-nav-menu's links; outside the admin it stays hidden.
    "ui-nav-menu{display:none}ui-save-bar{display:none}ui-save-bar[data-open]{display:flex;gap:8px;justify-content:flex-end;align-items:center;position:fixed;top:0;left:0;right:0;z-index:600;padding:10px 16px;background:#1a1a1a}" +
    "ui-save-bar[data-open]::before{content:'Unsaved changes';color:#fff;margin-inline-end:auto;font:600 14px system-ui}" +
    "ui-save-bar button{font:600 13px system-ui;padding:6px 12px;border-radius:8px;border:0;background:#fff;color:#303030}ui-save-bar button[variant=primary]{background:#303030;color:#fff;box-shadow:inset 0 0 0 1px #888}";
  document.head.append(style);

  customElements.define(
    "ui-save-bar",
    class extends HTMLElement {
      show() {
        this.setAttribute("data-open", "");
        this.dispatchEvent(new Event("show"));
        return Promise.resolve();
      }
      hide() {
        this.removeAttribute("data-open");
        this.dispatchEvent(new Event("hide"));
        return Promise.resolve();
      }
      get showing() {
        return this.hasAttribute("data-open");
      }
    },
  );
  customElements.define("ui-nav-menu", class extends HTMLElement {});
  customElements.define("ui-title-bar", class extends HTMLElement {});
})();
