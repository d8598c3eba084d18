import type { Sections, ThemeRefresh } from "../cart-ops";

/*
 * Dawn 15 and the themes built on it (decision record 0069). Its cart
 * components say themselves which sections show the cart and where each
 * goes: `getSectionsToRender()` on <cart-drawer-items> (the drawer's
 * `.drawer__inner`, the bubble) and on <cart-items> (the cart page's items,
 * bubble, live region and footer with the totals). Dawn's own +/− render
 * exactly these, so the elements that carry Dawn's handlers (the drawer, the
 * header's #cart-icon-bubble link, the overlay) are kept and only their
 * insides change, as after a quantity change in the drawer.
 */

interface Part {
  id: string;
  section?: string;
  selector?: string;
}

function parts(): Part[] {
  const out: Part[] = [];
  for (const tag of ["cart-drawer-items", "cart-items"])
    try {
      out.push(...((document.querySelector(tag) as { getSectionsToRender?: () => Part[] } | null)?.getSectionsToRender?.() ?? []));
    } catch {
      /* a fork whose component reads an element this page lacks: its parts are skipped */
    }
  return out;
}

export const dawn: ThemeRefresh = {
  sections() {
    const p = parts();
    return p.length ? [...new Set(p.map((x) => x.section ?? x.id))] : undefined;
  },
  apply(html: Sections) {
    let done = false;
    for (const { id, section = id, selector } of parts()) {
      const host = document.getElementById(id);
      const src = html[section];
      const fresh = src && new DOMParser().parseFromString(src, "text/html").querySelector(selector ?? ".shopify-section");
      if (!host || !fresh) continue;
      ((selector && host.querySelector(selector)) || host).innerHTML = fresh.innerHTML;
      done = true;
    }
    return done;
  },
};
