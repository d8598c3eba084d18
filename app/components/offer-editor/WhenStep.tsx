import { Banner, BlockStack, Button, Card, ChoiceList, FormLayout, InlineError, InlineStack, List, Select, Text, TextField } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { useMemo } from "react";
import { MOMENTS } from "@tactful/engine/types";
import { errorsUnder } from "../form-utils";
import { MOMENT_LABEL } from "../offer-labels";
import { scheduleWarnings } from "../../offers/schedule";
import { pickCollections, pickTriggerProducts, pickVariants } from "../pickers";
import { RefTags } from "./fields";
import type { StepProps } from "./step-props";

function timeZones(): string[] {
  try {
    const all = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
    return all.includes("UTC") ? all : ["UTC", ...all];
  } catch {
    return ["UTC"];
  }
}

/** When: the moment, what must be in the cart, and the schedule. */
export function WhenStep({ s, patch, errors, currency, shopTimezone }: StepProps) {
  const shopify = useAppBridge();
  const zones = useMemo(timeZones, []);
  const d = (k: string) => errors[`definition.${k}`];
  const patchTrigger = (p: Partial<typeof s.trigger>) => patch({ trigger: { ...s.trigger, ...p } });
  // Checkout decides on the shop's calendar days (decision record 0055); say so before the merchant saves.
  const scheduleNotes = useMemo(
    () => scheduleWarnings({ startsAtLocal: s.startsAtLocal, endsAtLocal: s.endsAtLocal, timezone: s.timezone }, shopTimezone, Date.now()),
    [s.startsAtLocal, s.endsAtLocal, s.timezone, shopTimezone],
  );

  return (
    <BlockStack gap="400">
      <Card>
        <FormLayout>
          <Text as="h2" variant="headingMd">
            The moment
          </Text>
          <ChoiceList
            title="Moments"
            allowMultiple
            choices={MOMENTS.map((m) => ({ label: MOMENT_LABEL[m] ?? m, value: m }))}
            selected={s.moments}
            onChange={(moments) => patch({ moments })}
            error={errors.moments}
          />
          <TextField
            id="offer-delay"
            label="Delay"
            type="number"
            suffix="seconds"
            autoComplete="off"
            value={s.delaySeconds}
            onChange={(delaySeconds) => patch({ delaySeconds })}
            error={d("delayMs")}
            helpText="Wait this long after the moment before opening. Popups never open on page load."
          />
        </FormLayout>
      </Card>

      <Card>
        <FormLayout>
          <Text as="h2" variant="headingMd">
            Trigger: what must be in the cart
          </Text>
          <Select
            label="Match"
            options={[
              { label: "Any of these is in the cart", value: "ANY" },
              { label: "All of these are in the cart", value: "ALL" },
            ]}
            value={s.trigger.match}
            onChange={(v) => patchTrigger({ match: v === "ALL" ? "ALL" : "ANY" })}
            error={d("trigger.match")}
          />
          <BlockStack gap="200">
            <InlineStack gap="200">
              <Button onClick={async () => { const r = await pickTriggerProducts(shopify, s.trigger.products); if (r) patchTrigger({ products: r }); }}>Products</Button>
              <Button onClick={async () => { const r = await pickVariants(shopify, s.trigger.variants); if (r) patchTrigger({ variants: r }); }}>Variants</Button>
              <Button onClick={async () => { const r = await pickCollections(shopify, s.trigger.collections); if (r) patchTrigger({ collections: r }); }}>Collections</Button>
            </InlineStack>
            <RefTags items={s.trigger.products} onRemove={(rid) => patchTrigger({ products: s.trigger.products.filter((x) => x.id !== rid) })} />
            <RefTags items={s.trigger.variants} onRemove={(rid) => patchTrigger({ variants: s.trigger.variants.filter((x) => x.id !== rid) })} />
            <RefTags items={s.trigger.collections} onRemove={(rid) => patchTrigger({ collections: s.trigger.collections.filter((x) => x.id !== rid) })} />
            {errorsUnder(errors, "definition.trigger.products").concat(errorsUnder(errors, "definition.trigger.variants"), errorsUnder(errors, "definition.trigger.collections")).map((m) => (
              <InlineError key={m} message={m} fieldID="offer-trigger" />
            ))}
          </BlockStack>
          <TextField label="Product tags" autoComplete="off" value={s.trigger.tags} onChange={(tags) => patchTrigger({ tags })} error={d("trigger.tags")} helpText="Comma-separated." />
          <FormLayout.Group>
            <TextField id="offer-subtotal-min" label="Cart value at least" type="text" inputMode="decimal" suffix={currency} autoComplete="off" value={s.trigger.subtotalMin} onChange={(subtotalMin) => patchTrigger({ subtotalMin })} error={d("trigger.subtotalMin")} />
            <TextField id="offer-subtotal-max" label="Cart value at most" type="text" inputMode="decimal" suffix={currency} autoComplete="off" value={s.trigger.subtotalMax} onChange={(subtotalMax) => patchTrigger({ subtotalMax })} error={d("trigger.subtotalMax")} />
          </FormLayout.Group>
          <FormLayout.Group>
            <TextField label="Items at least" type="number" autoComplete="off" value={s.trigger.itemsMin} onChange={(itemsMin) => patchTrigger({ itemsMin })} error={d("trigger.itemsMin")} />
            <TextField label="Items at most" type="number" autoComplete="off" value={s.trigger.itemsMax} onChange={(itemsMax) => patchTrigger({ itemsMax })} error={d("trigger.itemsMax")} />
          </FormLayout.Group>
          <Text as="p" tone="subdued" variant="bodySm">
            Leave everything empty to trigger on any cart. Cart values are in your shop&apos;s currency ({currency}) and converted for shoppers paying in another.
          </Text>
        </FormLayout>
      </Card>

      <Card>
        <FormLayout>
          <Text as="h2" variant="headingMd">
            Schedule
          </Text>
          <Select label="Time zone" options={zones.map((z) => ({ label: z, value: z }))} value={s.timezone} onChange={(timezone) => patch({ timezone })} error={d("timezone")} />
          <FormLayout.Group>
            <TextField id="offer-starts" label="Starts" type="datetime-local" autoComplete="off" value={s.startsAtLocal} onChange={(startsAtLocal) => patch({ startsAtLocal })} error={d("startsAtLocal")} helpText="Empty: starts when activated." />
            <TextField id="offer-ends" label="Ends" type="datetime-local" autoComplete="off" value={s.endsAtLocal} onChange={(endsAtLocal) => patch({ endsAtLocal })} error={d("endsAtLocal")} helpText="Empty: runs until you pause it." />
          </FormLayout.Group>
          {scheduleNotes.length > 0 && (
            <Banner tone="warning" title="Check this schedule">
              <List>
                {scheduleNotes.map((n) => (
                  <List.Item key={n}>{n}</List.Item>
                ))}
              </List>
            </Banner>
          )}
        </FormLayout>
      </Card>
    </BlockStack>
  );
}
