/*
 * The popup's whole stylesheet, inside its shadow root: theme CSS cannot reach
 * it and it cannot reach the theme. The dialog sits in the browser's top
 * layer (showModal), so there is no z-index contest with the theme. Fonts are
 * the theme's (font: inherit); the merchant's style arrives as custom
 * properties; logical properties keep it right in RTL. It does not animate
 * at all, which honours prefers-reduced-motion without a media query.
 */
export const CSS =
  "dialog{--fg:#1a1a1a;--bg:#fff;--mu:#595959;--ln:#ddd;font:inherit;color:var(--fg);background:var(--bg);border:0;border-radius:var(--r);padding:1.25rem;width:min(34rem,100vw - 1rem);max-height:calc(100dvh - 1rem);overflow:auto;box-shadow:0 .5rem 2rem #0005}" +
  ".d{--fg:#f2f2f2;--bg:#1e1e1e;--mu:#bbb;--ln:#444}" +
  "dialog::backdrop{background:#0008}" +
  ".b{margin-block-end:0}" +
  "*{box-sizing:border-box;overflow-wrap:anywhere}" +
  "h2{font-size:1.25em;margin:0 0 .5rem;padding-inline-end:2.5rem}" +
  "p{margin:0 0 .75rem}" +
  ".u,.k,s{color:var(--mu)}" +
  ".k{font-size:.85em}" +
  ".x{position:absolute;inset-inline-end:.5rem;top:.5rem;width:2.75rem;height:2.75rem;border:0;background:none;font-size:1.5rem}" +
  "ul,.c{display:grid;grid-template-columns:repeat(auto-fit,minmax(8.5rem,1fr));gap:.75rem;margin:0 0 1rem;padding:0;list-style:none}" +
  "li{border:1px solid var(--ln);border-radius:var(--r);padding:.75rem;display:flex;flex-direction:column;gap:.4rem}" +
  ".up{border:2px solid var(--a)}" +
  "img{width:100%;aspect-ratio:1;object-fit:cover;border-radius:calc(var(--r)/2)}" +
  "b{font-weight:600}s{margin-inline-end:.3rem}" +
  "select,button{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--mu);border-radius:var(--r);padding:.4rem;cursor:pointer}" +
  ".a{display:flex;flex-wrap:wrap;gap:.5rem;justify-content:flex-end}" +
  ".a button,li button{min-height:2.75rem;padding:.5rem 1rem;border:2px solid var(--a2);flex:auto}li button{flex:none;margin-top:auto}" +
  ".y{background:var(--a);color:var(--on)}" +
  ":disabled{opacity:.6}" +
  ":focus-visible{outline:3px solid var(--a2);outline-offset:2px}";
