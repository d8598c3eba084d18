import { Button } from "@shopify/polaris";
import { useState, type ReactNode } from "react";

/*
 * The form and the preview side by side: from Polaris' md breakpoint (48em)
 * the preview sticks beside the form while it scrolls; below it, the preview
 * is one tap away behind a floating button and opens over the form. The
 * preview stays mounted either way, so it keeps rendering while hidden and
 * opens already up to date.
 */
const CSS = `
.tactful-editor{display:grid;gap:var(--p-space-400);grid-template-columns:minmax(0,1fr)}
.tactful-preview-close{margin-block-end:var(--p-space-300)}
@media (min-width:48em){
  .tactful-editor{grid-template-columns:minmax(0,3fr) minmax(0,2fr);align-items:start}
  .tactful-preview{position:sticky;top:var(--p-space-400);max-height:calc(100vh - 2 * var(--p-space-400));overflow:auto}
  .tactful-preview-toggle,.tactful-preview-close{display:none}
}
@media (max-width:47.9975em){
  .tactful-preview:not([data-open]){display:none}
  .tactful-preview[data-open]{position:fixed;inset:0;z-index:520;overflow:auto;background:var(--p-color-bg);padding:var(--p-space-300)}
  .tactful-preview-toggle{position:fixed;inset-block-end:var(--p-space-400);inset-inline-end:var(--p-space-400);z-index:510}
}`;

export function PreviewDock({ form, preview }: { form: ReactNode; preview: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <style>{CSS}</style>
      <div className="tactful-editor">
        <div>{form}</div>
        <div className="tactful-preview" data-open={open ? "" : undefined} data-testid="preview-dock">
          <div className="tactful-preview-close">
            <Button onClick={() => setOpen(false)}>Back to the form</Button>
          </div>
          {preview}
        </div>
      </div>
      {!open && (
        <div className="tactful-preview-toggle">
          <Button variant="primary" onClick={() => setOpen(true)}>
            Show preview
          </Button>
        </div>
      )}
    </>
  );
}
