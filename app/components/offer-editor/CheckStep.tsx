import { BlockStack, Box, Button, Card, Checkbox, FormLayout, InlineError, InlineStack, Text, TextField } from "@shopify/polaris";
import type { ReactNode } from "react";
import { errorsUnder } from "../form-utils";
import { emptyContent, newAbVariant, type AbVariantState } from "../offer-form";
import { ContentFields, DiscountFields } from "./fields";
import { reviewLines, STEPS, type StepId } from "./steps";
import type { StepProps } from "./step-props";

/** Check: the offer in four sentences before it goes live, its priority, and an optional A/B test. */
export function CheckStep(props: StepProps & { onEdit: (step: StepId) => void; stepsWithErrors: Set<StepId>; goLive: ReactNode }) {
  const { s, patch, errors, currency, defaultCapBps, onEdit } = props;
  const d = (k: string) => errors[`definition.${k}`];
  const lines = reviewLines(s, { currency, defaultCapBps });
  const patchVariant = (i: number, p: Partial<AbVariantState>) => patch({ abVariants: s.abVariants.map((v, j) => (j === i ? { ...v, ...p } : v)) });
  const abErrors = errorsUnder(errors, "definition.abVariants");

  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Your offer
          </Text>
          {STEPS.filter((step) => step.id !== "check").map((step) => (
            <InlineStack key={step.id} align="space-between" blockAlign="start" gap="200" wrap={false}>
              <BlockStack gap="050">
                <Text as="h3" variant="headingSm" tone={props.stepsWithErrors.has(step.id) ? "critical" : undefined}>
                  {step.title}
                </Text>
                <Text as="p">{lines[step.id as Exclude<StepId, "check">]}</Text>
              </BlockStack>
              <Button variant="plain" onClick={() => onEdit(step.id)} accessibilityLabel={`Edit ${step.title.toLowerCase()}`}>
                Edit
              </Button>
            </InlineStack>
          ))}
          {props.goLive}
        </BlockStack>
      </Card>

      <Card>
        <TextField
          id="offer-priority"
          label="Priority"
          type="number"
          autoComplete="off"
          value={s.priority}
          onChange={(priority) => patch({ priority })}
          error={errors.priority}
          helpText="When several offers qualify, the highest priority shows."
        />
      </Card>

      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            A/B test
          </Text>
          <Checkbox
            label="Test variations of this offer"
            helpText="Shoppers are split by weight. The first variant is the control."
            checked={s.abEnabled}
            onChange={(abEnabled) =>
              patch({
                abEnabled,
                abVariants: abEnabled && s.abVariants.length < 2 ? [0, 1].map((i) => newAbVariant(i, s.content[s.locales[0] ?? ""] ?? emptyContent())) : s.abVariants,
              })
            }
          />
          {s.abEnabled && (
            <BlockStack gap="300">
              {s.abVariants.map((v, i) => (
                <Box key={v.id} padding="300" borderWidth="025" borderColor="border" borderRadius="200">
                  <BlockStack gap="300">
                    <FormLayout>
                      <FormLayout.Group>
                        <TextField label={`Variant ${v.id.toUpperCase()} name`} autoComplete="off" value={v.name} onChange={(name) => patchVariant(i, { name })} />
                        <TextField label="Weight" type="number" autoComplete="off" value={v.weight} onChange={(weight) => patchVariant(i, { weight })} error={d(`abVariants.${i}.weight`)} />
                        <TextField label="Delay (seconds)" type="number" autoComplete="off" placeholder="Same as offer" value={v.delaySeconds} onChange={(delaySeconds) => patchVariant(i, { delaySeconds })} error={d(`abVariants.${i}.delayMs`)} />
                      </FormLayout.Group>
                    </FormLayout>
                    <Checkbox label={`Own text (${s.locales[0] ?? "default language"})`} checked={v.overrideContent} onChange={(overrideContent) => patchVariant(i, { overrideContent })} />
                    {v.overrideContent && (
                      <ContentFields value={v.content} onChange={(content) => patchVariant(i, { content })} errors={errors} prefix={`definition.abVariants.${i}.content.${s.locales[0] ?? ""}`} idPrefix={`ab-${v.id}`} />
                    )}
                    {s.type !== "UPSELL" && <Checkbox label="Own discount" checked={v.overrideDiscount} onChange={(overrideDiscount) => patchVariant(i, { overrideDiscount })} />}
                    {v.overrideDiscount && s.type !== "UPSELL" && (
                      <DiscountFields value={v.discount} onChange={(discount) => patchVariant(i, { discount })} errors={errors} prefix={`definition.abVariants.${i}.discount`} idPrefix={`ab-${v.id}-discount`} currency={currency} />
                    )}
                    {s.abVariants.length > 2 && (
                      <Box>
                        <Button variant="plain" tone="critical" onClick={() => patch({ abVariants: s.abVariants.filter((_, j) => j !== i) })}>
                          Remove variant
                        </Button>
                      </Box>
                    )}
                  </BlockStack>
                </Box>
              ))}
              {abErrors.length > 0 && <InlineError message={d("abVariants") ?? abErrors[0] ?? ""} fieldID="offer-ab" />}
              <InlineStack gap="300" blockAlign="end">
                <Button
                  onClick={() => patch({ abVariants: [...s.abVariants, newAbVariant(s.abVariants.length, s.content[s.locales[0] ?? ""] ?? emptyContent())] })}
                  disabled={s.abVariants.length >= 4}
                >
                  Add variant
                </Button>
                <div style={{ width: "12rem" }}>
                  <TextField
                    label="Holdout"
                    type="number"
                    suffix="%"
                    autoComplete="off"
                    value={s.holdout}
                    onChange={(holdout) => patch({ holdout })}
                    error={d("holdoutBps")}
                    helpText="Share who see nothing, to measure incremental revenue."
                  />
                </div>
              </InlineStack>
            </BlockStack>
          )}
        </BlockStack>
      </Card>
    </BlockStack>
  );
}
