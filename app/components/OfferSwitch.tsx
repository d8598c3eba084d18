import { Text } from "@shopify/polaris";
import type { MouseEvent } from "react";

/**
 * An on/off switch (role="switch"), drawn with Polaris' tokens: Polaris React
 * has no toggle of its own. It stops the click there, so the table row under
 * it neither opens the offer nor changes the selection.
 */
export function OfferSwitch(props: { checked: boolean; label: string; disabled?: boolean; busy?: boolean; onChange: (checked: boolean) => void }) {
  const { checked, label, disabled, busy, onChange } = props;
  const stop = (e: MouseEvent) => e.stopPropagation();
  return (
    <span onClick={stop} onKeyDown={(e) => e.stopPropagation()} style={{ display: "inline-flex", alignItems: "center", gap: "var(--p-space-200)" }} role="presentation">
      <button
        type="button"
        role="switch"
        aria-checked={checked}
        aria-label={label}
        aria-busy={busy || undefined}
        disabled={disabled}
        onClick={(e) => {
          stop(e);
          onChange(!checked);
        }}
        style={{
          position: "relative",
          inlineSize: "2.25rem",
          blockSize: "1.25rem",
          flex: "none",
          border: 0,
          borderRadius: "var(--p-border-radius-full)",
          background: checked ? "var(--p-color-bg-fill-success)" : "var(--p-color-bg-fill-tertiary-active)",
          cursor: disabled ? "not-allowed" : "pointer",
          opacity: disabled ? 0.5 : 1,
          padding: 0,
          transition: "background-color 120ms",
        }}
      >
        <span
          aria-hidden
          style={{
            position: "absolute",
            insetBlockStart: "0.125rem",
            insetInlineStart: checked ? "1.125rem" : "0.125rem",
            inlineSize: "1rem",
            blockSize: "1rem",
            borderRadius: "var(--p-border-radius-full)",
            background: "var(--p-color-bg-surface)",
            boxShadow: "var(--p-shadow-100)",
            transition: "inset-inline-start 120ms",
          }}
        />
      </button>
      <Text as="span" variant="bodySm" tone="subdued">
        {checked ? "On" : "Off"}
      </Text>
    </span>
  );
}
