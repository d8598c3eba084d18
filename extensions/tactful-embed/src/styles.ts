/*
 * The popup's whole stylesheet, inside its shadow root: theme CSS cannot reach
 * it and it cannot reach the theme. The dialog sits in the browser's top
 * layer (showModal), so there is no z-index contest with the theme. Fonts are
 * the theme's (font: inherit); the merchant's style arrives as custom
 * properties; logical properties keep it right in RTL. It does not animate
 * at all, which honours prefers-reduced-motion without a media query.
 * Each product is a compact row (thumbnail beside title, price, picker and
 * button), so three of them fit a laptop screen with the drawer still in
 * view around it (decision record 0068).
 */
export const CSS =
  "dialog{--fg:#1a1a1a;--bg:#fff;--mu:#595959;--ln:#ddd;font:inherit;color:var(--fg);background:var(--bg);border:0;border-radius:var(--r);padding:0;width:min(28rem,100vw - 1rem);max-height:calc(100dvh - 1rem);box-shadow:0 .5rem 2rem #0005}" +
  ".d{--fg:#f2f2f2;--bg:#1e1e1e;--mu:#bbb;--ln:#444}" +
  "dialog::backdrop{background:#0008}" +
  ".b{margin-block-end:0}" +
  ".w{padding:1.25rem;max-height:inherit;overflow:auto}" +
  "*{box-sizing:border-box;overflow-wrap:anywhere}" +
  "h2{font-size:1.25em;margin:0 0 .5rem;padding-inline-end:2.5rem}" +
  "p{margin:0 0 .75rem}" +
  ".u,.k,s{color:var(--mu)}" +
  ".k{font-size:.85em}" +
  ".x{position:absolute;inset-inline-end:.5rem;top:.5rem;width:2.75rem;height:2.75rem;border:0;background:none;font-size:1.5rem}" +
  "ul{display:flex;flex-direction:column;gap:.5rem;margin:0 0 1rem;padding:0;list-style:none}" +
  "li{border:1px solid var(--ln);border-radius:var(--r);padding:.6rem;display:flex;gap:.75rem;align-items:center}" +
  "li>div{flex:1;min-width:0;display:flex;flex-direction:column;align-items:start;gap:.25rem}" +
  ".up{border:2px solid var(--a)}" +
  "img{width:4.5rem;height:4.5rem;flex:none;object-fit:cover;border-radius:calc(var(--r)/2)}" +
  "b,.ok{font-weight:600}s{margin-inline-end:.3rem}" +
  "select{max-width:100%}" +
  "select,button{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--mu);border-radius:var(--r);padding:.4rem;cursor:pointer}" +
  ".a{display:flex;flex-wrap:wrap;gap:.5rem;justify-content:flex-end}" +
  ".a button,li button{min-height:2.75rem;padding:.5rem 1rem;border:2px solid var(--a2);flex:auto}li button{flex:none}" +
  ".y{background:var(--a);color:var(--on)}" +
  ":disabled{opacity:.6}button.ok{opacity:1;border-color:transparent;cursor:default}" +
  ":focus-visible{outline:3px solid var(--a2);outline-offset:2px}";
