import { createRemoteRoot, type RemoteComponent, type RemoteRoot, type RemoteText } from "@remote-ui/core";
import "../../extensions/tactful-post-purchase/src/index";

/*
 * The demo checkout's stand-in for Shopify's post-purchase host (decision
 * 0078), bundled with the REAL extension module (esbuild, at demo start).
 * The prelude (esbuild banner) defines `self.shopify.extend`, so the
 * extension registers its two extension points as it would in Shopify's
 * sandbox; this host then runs ShouldRender, and Render into a remote-ui
 * root drawn to the DOM by a small renderer of the components the page uses.
 * calculateChangeset and applyChangeset are answered by the demo checkout's
 * server (Shopify's side: prices, taxes, shipping, signature check).
 */

interface Boot {
  inputData: { token: string; locale: string } & Record<string, unknown>;
  calculateUrl: string;
  applyUrl: string;
  doneUrl: string;
  orderId: string;
}

type Fn = (...args: never[]) => unknown;
const registry = (globalThis as unknown as { __tactfulExtensionPoints: Map<string, Fn> }).__tactfulExtensionPoints;
const boot = (globalThis as unknown as { __tactfulPostPurchase: Boot }).__tactfulPostPurchase;

async function post(url: string, body: unknown) {
  const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ orderId: boot.orderId, ...(body as object) }) });
  return res.json() as Promise<unknown>;
}

type Node = RemoteComponent<never, never> | RemoteText<never>;
type Props = Record<string, unknown>;

function el(tag: string, cls: string, children: globalThis.Node[] = []) {
  const e = document.createElement(tag);
  e.className = cls;
  for (const c of children) e.appendChild(c);
  return e;
}

function draw(node: Node): globalThis.Node {
  if ("text" in node) return document.createTextNode(node.text);
  const p = node.props as unknown as Props;
  const kids = () => (node.children as readonly Node[]).map(draw);
  switch (node.type) {
    case "BlockStack":
      return el("div", `pp-stack pp-${String(p.spacing ?? "base")}`, kids());
    case "Layout":
      return el("div", "pp-layout", kids());
    case "View":
      return el("div", "pp-view", kids());
    case "TextContainer":
      return el("div", "pp-textcontainer", kids());
    case "Image": {
      const img = document.createElement("img");
      img.className = "pp-image";
      img.src = String(p.source ?? "");
      img.alt = String(p.description ?? "");
      return img;
    }
    case "Heading":
      return el("h1", "pp-heading", kids());
    case "TextBlock":
      return el("p", "pp-textblock", kids());
    case "Text": {
      const t = el(p.role === "deletion" ? "del" : "span", ["pp-text", p.emphasized ? "pp-strong" : "", p.subdued ? "pp-subdued" : "", p.appearance ? `pp-${String(p.appearance)}` : ""].join(" "), kids());
      return t;
    }
    case "Separator":
      return el("hr", "pp-separator");
    case "Bookend":
      return el("div", "pp-bookend", kids());
    case "CalloutBanner":
      return el("div", "pp-callout", [el("strong", "pp-callout-title", [document.createTextNode(String(p.title ?? ""))]), el("div", "", kids())]);
    case "Select": {
      const label = el("label", "pp-select", [document.createTextNode(String(p.label ?? ""))]);
      const select = document.createElement("select");
      for (const o of (p.options as { value: string; label: string; disabled?: boolean }[]) ?? []) {
        const opt = new Option(o.label, o.value, false, o.value === p.value);
        opt.disabled = !!o.disabled;
        select.appendChild(opt);
      }
      select.addEventListener("change", () => (p.onChange as (v: string) => void)?.(select.value));
      label.appendChild(select);
      return label;
    }
    case "Button": {
      const b = el("button", p.subdued ? "pp-button pp-plain" : "pp-button", kids()) as HTMLButtonElement;
      b.type = "button";
      b.disabled = !!p.disabled;
      if (p.loading) b.setAttribute("aria-busy", "true");
      b.addEventListener("click", () => (p.onPress as () => void)?.());
      return b;
    }
    default:
      // A component this stand-in does not know: shown plainly, so a gap is visible rather than silent.
      return el("div", `pp-unknown pp-${String(node.type)}`, kids());
  }
}

async function main() {
  const done = async () => void location.assign(boot.doneUrl);
  const storage = { initialData: undefined as unknown, update: async (d: unknown) => void (storage.initialData = d) };
  const should = (await (registry.get("Checkout::PostPurchase::ShouldRender") as unknown as (a: object) => Promise<{ render: boolean }>)({ inputData: boot.inputData, storage }).catch(() => ({ render: false })));
  if (!should.render) return done();
  const mount = document.getElementById("post-purchase") as HTMLElement;
  let queued = false;
  const root: RemoteRoot = createRemoteRoot(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      mount.replaceChildren(...(root.children as readonly Node[]).map(draw));
    });
  });
  const api = {
    inputData: boot.inputData,
    storage,
    done,
    calculateChangeset: (changeset: unknown) => post(boot.calculateUrl, { changeset }),
    applyChangeset: (token: string) => post(boot.applyUrl, { token }),
  };
  (registry.get("Checkout::PostPurchase::Render") as unknown as (r: RemoteRoot, a: object) => void)(root, api);
}

void main();
