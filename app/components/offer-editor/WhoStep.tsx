import { Card, FormLayout, Select, Text, TextField } from "@shopify/polaris";
import { errorsUnder } from "../form-utils";
import type { StepProps } from "./step-props";

/** Who: the audience. Everything empty means every shopper. */
export function WhoStep({ s, patch, errors }: StepProps) {
  const d = (k: string) => errors[`definition.${k}`];
  const patchSegment = (p: Partial<typeof s.segment>) => patch({ segment: { ...s.segment, ...p } });
  return (
    <Card>
      <FormLayout>
        <Text as="h2" variant="headingMd">
          Audience
        </Text>
        <Text as="p" tone="subdued">
          Leave everything as it is to show the offer to every shopper.
        </Text>
        <FormLayout.Group>
          <Select
            label="Customers"
            options={[
              { label: "Everyone", value: "ANY" },
              { label: "Logged-in customers", value: "LOGGED_IN" },
              { label: "Guests", value: "GUEST" },
            ]}
            value={s.segment.customer}
            onChange={(v) => patchSegment({ customer: v === "LOGGED_IN" || v === "GUEST" ? v : "ANY" })}
            error={d("segment.customer")}
          />
          <Select
            label="Order history"
            options={[
              { label: "New and returning", value: "ANY" },
              { label: "New customers", value: "NEW" },
              { label: "Returning customers", value: "RETURNING" },
            ]}
            value={s.segment.history}
            onChange={(v) => patchSegment({ history: v === "NEW" || v === "RETURNING" ? v : "ANY" })}
            error={d("segment.history")}
          />
        </FormLayout.Group>
        <FormLayout.Group>
          <TextField label="Customer tags (any of)" autoComplete="off" value={s.segment.tagsInclude} onChange={(tagsInclude) => patchSegment({ tagsInclude })} error={d("segment.tagsInclude")} helpText="Comma-separated." />
          <TextField label="Exclude customer tags" autoComplete="off" value={s.segment.tagsExclude} onChange={(tagsExclude) => patchSegment({ tagsExclude })} error={d("segment.tagsExclude")} />
        </FormLayout.Group>
        <FormLayout.Group>
          <TextField label="Countries" autoComplete="off" placeholder="All countries" value={s.segment.countries} onChange={(countries) => patchSegment({ countries })} error={errorsUnder(errors, "definition.segment.countries")[0]} helpText="Two-letter codes, e.g. DE, FR." />
          <TextField label="Markets" autoComplete="off" placeholder="All markets" value={s.segment.markets} onChange={(markets) => patchSegment({ markets })} error={d("segment.markets")} helpText="Market handles." />
          <TextField label="Languages" autoComplete="off" placeholder="All languages" value={s.segment.locales} onChange={(locales) => patchSegment({ locales })} error={errorsUnder(errors, "definition.segment.locales")[0]} helpText="e.g. en, ar, pt-BR." />
        </FormLayout.Group>
      </FormLayout>
    </Card>
  );
}
