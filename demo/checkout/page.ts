import { esc, type PageCtx } from "../storefront/pages";
import type { CheckoutTotals } from "./function-run";

/*
 * The demo checkout and its thank-you page: totals after the discount
 * Function, one "Pay" button that places the order (POST /checkout/complete).
 * Plain HTML, no script: what matters here is the numbers.
 */

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:640px;margin:32px auto;padding:0 16px;color:#1a1a1a}
table{width:100%;border-collapse:collapse}td{padding:8px 4px;border-bottom:1px solid #e3e3e3;vertical-align:top}
td.num{text-align:end;white-space:nowrap}.disc{color:#0a7a3b}.props{color:#616161;font-size:13px}
tfoot td{border:0;font-weight:600}button{font:600 16px system-ui;padding:12px 24px;border:0;border-radius:8px;background:#1a1a1a;color:#fff;cursor:pointer;margin-top:16px;width:100%}
.note{color:#616161;font-size:13px}`;

const shell = (p: PageCtx, title: string, body: string) =>
  `<!doctype html><html lang="${p.locale}"${p.locale === "ar" ? ' dir="rtl"' : ""}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;

function visibleProps(props: Record<string, string>): string {
  // Shopify hides properties whose names start with "_" from the shopper; the demo shows them greyed for transparency.
  const list = Object.entries(props);
  return list.length ? `<div class="props" data-testid="line-props">${list.map(([k, v]) => `${esc(k)}: ${esc(v)}`).join(" · ")}</div>` : "";
}

export function checkoutHtml(t: CheckoutTotals, p: PageCtx): string {
  const rows = t.lines
    .map(
      (l) => `<tr data-testid="checkout-line" data-variant="${l.variantId}"><td>${esc(l.title)}${l.variantTitle !== "Default Title" ? ` – ${esc(l.variantTitle)}` : ""} × ${l.quantity}${visibleProps(l.properties)}${
        l.discountPresentment ? `<div class="disc" data-testid="line-discount">${esc(l.discountMessage ?? "Discount")} −${p.money(l.discountPresentment)}</div>` : ""
      }</td><td class="num">${p.money(l.unitPresentment * l.quantity)}</td></tr>`,
    )
    .join("");
  const body = t.lines.length
    ? `<h1 id="checkout-title">Checkout</h1><table><tbody>${rows}</tbody><tfoot>
<tr><td>Subtotal</td><td class="num" data-testid="subtotal">${p.money(t.subtotalBeforeDiscounts)}</td></tr>
<tr><td>Discounts</td><td class="num disc" data-testid="discounts">${t.discounts ? `−${p.money(t.discounts)}` : p.money(0)}</td></tr>
<tr><td>Total (${esc(t.currency)})</td><td class="num" data-testid="total">${p.money(t.total)}</td></tr></tfoot></table>
<form method="post" action="${p.root}checkout/complete"><button type="submit" data-testid="pay">Pay ${p.money(t.total)}</button></form>
<p class="note">Simulated checkout: the discounts above come from the real discount Function run over this cart; paying sends a signed orders/create webhook to the app.</p>`
    : `<h1 id="checkout-title">Checkout</h1><p>Your cart is empty. <a href="${p.root}">Continue shopping</a></p>`;
  return shell(p, "Checkout", body);
}

export function thankYouHtml(o: { name: string; total: number; webhookStatus: number | string }, p: PageCtx): string {
  return shell(
    p,
    "Thank you",
    `<h1 data-testid="thank-you">Thank you! Order ${esc(o.name)} is confirmed.</h1><p>Paid: <strong data-testid="paid">${p.money(o.total)}</strong></p>
<p class="note" data-testid="webhook-status">orders/create webhook → app: ${esc(o.webhookStatus)}</p><p><a href="${p.root}">Back to the shop</a></p>`,
  );
}
