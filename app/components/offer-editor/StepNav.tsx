import { Button, InlineGrid } from "@shopify/polaris";
import { STEPS, type StepId } from "./steps";

/** The five steps as one row of buttons; any step can be opened at any time, and a step with an error says so. */
export function StepNav({ current, onSelect, withErrors }: { current: StepId; onSelect: (step: StepId) => void; withErrors: Set<StepId> }) {
  return (
    <nav aria-label="Offer steps">
      <InlineGrid columns={STEPS.length} gap="100">
        {STEPS.map((step) => (
          <Button
            key={step.id}
            id={`offer-step-${step.id}`}
            pressed={step.id === current}
            tone={withErrors.has(step.id) ? "critical" : undefined}
            variant={withErrors.has(step.id) ? "primary" : "secondary"}
            fullWidth
            onClick={() => onSelect(step.id)}
            accessibilityLabel={`${step.label}: ${step.title.toLowerCase()}${withErrors.has(step.id) ? " (needs attention)" : ""}`}
          >
            {step.label}
          </Button>
        ))}
      </InlineGrid>
    </nav>
  );
}
