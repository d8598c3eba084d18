import { Badge, Banner, BlockStack, Box, Button, Card, FormLayout, InlineStack, Modal, Page, Text, TextField } from "@shopify/polaris";
import { SaveBar, useAppBridge } from "@shopify/app-bridge-react";
import { useEffect, useMemo, useState } from "react";
import type { ShopMoney } from "../shopify/shop-money";
import type { FieldErrors } from "./form-utils";
import { STATUS_LABEL, STATUS_TONE } from "./offer-labels";
import { toOfferPayload, type OfferFormState, type OfferPayload, type Status } from "./offer-form";
import { pickProducts, type PickedProduct } from "./pickers";
import { PreviewPanel, type SampleLine } from "./PreviewPanel";
import { CheckStep } from "./offer-editor/CheckStep";
import { PreviewDock } from "./offer-editor/PreviewDock";
import { SayStep } from "./offer-editor/SayStep";
import { StepNav } from "./offer-editor/StepNav";
import { firstStepWithError, STEPS, stepsWithErrors, type StepId } from "./offer-editor/steps";
import type { StepProps } from "./offer-editor/step-props";
import { TemplatePicker } from "./offer-editor/TemplatePicker";
import { applyTemplate, withTemplatePicks, type OfferTemplate, type TemplatePicks } from "./offer-editor/templates";
import { WhatStep } from "./offer-editor/WhatStep";
import { WhenStep } from "./offer-editor/WhenStep";
import { WhoStep } from "./offer-editor/WhoStep";

/*
 * The offer editor: a shell around five step components (decision record
 * 0076). It owns the form state, the save actions and the server's answer;
 * each step shows its part of the form and the errors under it. The form's
 * payload and field paths are the ones offerInputSchema parses on the server.
 */

export type EditorActionData =
  | { ok: true; version: number; syncError: string | null }
  | { ok: false; errors: FieldErrors; conflict?: { currentVersion: number; updatedAt: string }; tooLarge?: string };

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  type: "Type",
  status: "Status",
  priority: "Priority",
  moments: "Moments",
  version: "Version",
  form: "Offer",
};

/** "definition.content.en.headline" -> "Popup text (en): headline", for the error summary. */
function labelFor(path: string): string {
  if (FIELD_LABELS[path]) return FIELD_LABELS[path];
  const p = path.replace(/^definition\./, "");
  const content = /^content\.([^.]+)\.(\w+)$/.exec(p);
  if (content) return `Popup text (${content[1]}): ${content[2]}`;
  const parts = p.split(".");
  const head = { items: "Offered products", upgrades: "Upgrades", trigger: "Trigger", segment: "Audience", discount: "Discount", capBps: "Price cap", delayMs: "Delay", urgency: "Urgency", timezone: "Time zone", startsAtLocal: "Start", endsAtLocal: "End", content: "Popup text", abVariants: "A/B test", holdoutBps: "Holdout" }[parts[0] ?? ""];
  return head ? `${head}${parts.length > 1 ? ` (${parts.slice(1).join(" ")})` : ""}` : p;
}

/** What a template's guided pickers ask, shown while Shopify's picker is open. */
const PICK_GUIDE = {
  trigger: { step: "when", text: "Choose the products shoppers add to their cart." },
  "add-on": { step: "what", text: "Choose the add-on to offer with them." },
  offered: { step: "what", text: "Choose up to three products to offer." },
  upgrade: { step: "what", text: "Choose the product to replace, then its better version." },
} as const;

const sampleLineOf = (p: PickedProduct): SampleLine[] => {
  const variantId = p.variantIds[0];
  const vt = p.variantTitles[0];
  return variantId ? [{ productId: p.productId, variantId, title: vt && vt !== "Default Title" ? `${p.title} – ${vt}` : p.title, quantity: "1" }] : [];
};

export interface OfferEditorProps {
  id: string | null;
  version: number | null;
  broken: boolean;
  initial: OfferFormState;
  shopDefaults: { capBps: number; defaultLocale: string; paused: boolean; money: ShopMoney; timezone: string };
  actionData: EditorActionData | undefined;
  saving: boolean;
  onSave: (offer: OfferPayload) => void;
  onDelete: () => void;
  onDuplicate: () => void;
  onReload: () => void;
  sample: SampleLine[];
  onSampleChange: (lines: SampleLine[]) => void;
}

export function OfferEditor(props: OfferEditorProps) {
  const { id, version, initial, actionData, saving, shopDefaults } = props;
  const shopify = useAppBridge();
  const [s, setS] = useState<OfferFormState>(initial);
  const [baseline, setBaseline] = useState<OfferFormState>(initial);
  const [step, setStep] = useState<StepId>("when");
  const [showTemplates, setShowTemplates] = useState(id === null);
  const [guide, setGuide] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const dirty = useMemo(() => JSON.stringify(s) !== JSON.stringify(baseline), [s, baseline]);

  const errors: FieldErrors = useMemo(() => (actionData && !actionData.ok ? actionData.errors : {}), [actionData]);
  const conflict = actionData && !actionData.ok && actionData.conflict && actionData.conflict.currentVersion !== version ? actionData.conflict : undefined;
  const saved = actionData?.ok && actionData.version === version ? actionData : undefined;
  const withErrors = useMemo(() => stepsWithErrors(errors), [errors]);

  useEffect(() => {
    if (saved) shopify.toast?.show?.("Offer saved");
  }, [saved, shopify]);

  const patch = (p: Partial<OfferFormState>) => setS((prev) => ({ ...prev, ...p }));

  const currency = shopDefaults.money.currency;
  const payload = useMemo(() => toOfferPayload(s, version, currency), [s, version, currency]);
  // Status is not a field: each save action says what it does to it ("Save and activate", "Save as draft").
  const save = (status?: Status) => {
    setBaseline(s);
    props.onSave(status ? { ...payload, status } : payload);
  };
  // A refused save keeps the form dirty so the save bar stays up, and opens the first step that needs attention.
  useEffect(() => {
    if (!actionData || actionData.ok) return;
    setBaseline(initial);
    const first = firstStepWithError(actionData.errors);
    if (first) setStep(first);
  }, [actionData, initial]);

  /** A template, then Shopify's picker once per product it needs; cancelling a picker keeps what was chosen so far. */
  const startFromTemplate = async (template: OfferTemplate) => {
    setShowTemplates(false);
    setS((prev) => applyTemplate(prev, template));
    const picks: TemplatePicks = {};
    let sample: SampleLine[] = [];
    for (const pick of template.picks) {
      setStep(PICK_GUIDE[pick].step);
      setGuide(PICK_GUIDE[pick].text);
      if (pick === "trigger") {
        const r = await pickProducts(shopify, { multiple: 20 });
        if (!r?.length) break;
        picks.trigger = r.map((p) => ({ id: p.productId, title: p.title, handle: p.handle }));
        sample = r[0] ? sampleLineOf(r[0]) : [];
      } else if (pick === "upgrade") {
        const from = (await pickProducts(shopify, { multiple: false }))?.[0];
        if (!from) break;
        const to = (await pickProducts(shopify, { multiple: false }))?.[0];
        if (!to) break;
        picks.upgrade = { from, to };
        sample = sampleLineOf(from);
      } else {
        const r = await pickProducts(shopify, { multiple: pick === "add-on" ? false : 3 });
        if (!r?.length) break;
        picks.offered = r;
      }
    }
    setGuide(null);
    setS((prev) => withTemplatePicks(prev, template, picks));
    // The preview shows the popup right away: the sample cart holds what triggers it.
    if (props.sample.length === 0 && sample.length) props.onSampleChange(sample);
    // Done: the review. Cancelled: the step where the missing products are chosen.
    const missing = template.picks.find((p) => !(p === "trigger" ? picks.trigger : p === "upgrade" ? picks.upgrade : picks.offered));
    setStep(missing ? PICK_GUIDE[missing].step : "check");
  };

  const errorList = Object.entries(errors).filter(([k]) => k !== "form");
  const live = s.status === "ACTIVE";
  const activate = { content: "Save and activate", onAction: () => save("ACTIVE"), loading: saving };
  const keepStatus = {
    content: id === null || s.status === "DRAFT" ? "Save as draft" : `Save, keep ${STATUS_LABEL[s.status]?.toLowerCase() ?? "status"}`,
    onAction: () => save(),
    disabled: !dirty && id !== null,
  };
  const stepProps: StepProps = { s, patch, errors, currency, shopTimezone: shopDefaults.timezone, defaultCapBps: shopDefaults.capBps, defaultLocale: shopDefaults.defaultLocale };
  const stepIndex = STEPS.findIndex((x) => x.id === step);
  const prev = STEPS[stepIndex - 1];
  const next = STEPS[stepIndex + 1];

  const goLive = live ? (
    <Text as="p" tone="subdued">
      This offer is live: saving publishes your changes to the storefront.
    </Text>
  ) : (
    <BlockStack gap="200">
      <Text as="p" tone="subdued">
        Save and activate publishes it to your storefront now. A draft is saved but shows nothing to shoppers.
      </Text>
      <InlineStack gap="200">
        <Button variant="primary" onClick={activate.onAction} loading={saving}>
          Save and activate
        </Button>
        <Button onClick={keepStatus.onAction} disabled={keepStatus.disabled}>
          {keepStatus.content}
        </Button>
      </InlineStack>
    </BlockStack>
  );

  return (
    <Page
      title={id ? s.name || "Untitled offer" : "Create offer"}
      titleMetadata={id ? <Badge tone={STATUS_TONE[s.status]}>{STATUS_LABEL[s.status] ?? s.status}</Badge> : undefined}
      backAction={{ content: "Offers", url: "/app/offers" }}
      primaryAction={live ? { content: "Save", onAction: () => save(), loading: saving, disabled: !dirty } : activate}
      secondaryActions={[
        live ? { content: dirty ? "Save and pause" : "Pause", onAction: () => save("PAUSED") } : keepStatus,
        ...(id
          ? [
              { content: "Duplicate", onAction: props.onDuplicate, disabled: dirty, helpText: dirty ? "Save or discard your changes first" : undefined },
              { content: "Delete", destructive: true, onAction: () => setConfirmDelete(true) },
            ]
          : []),
      ]}
    >
      <SaveBar id="offer-save-bar" open={dirty}>
        <button variant="primary" onClick={() => save()} disabled={saving}>
          Save
        </button>
        <button onClick={() => setS(baseline)}>Discard</button>
      </SaveBar>
      <PreviewDock
        form={
          <BlockStack gap="400">
            {conflict && (
              <Banner tone="critical" title="This offer changed since you opened it" action={{ content: "Reload offer", onAction: props.onReload }}>
                <p>
                  Someone saved a newer version (version {conflict.currentVersion}) on {new Date(conflict.updatedAt).toLocaleString("en-US", { timeZone: "UTC" })} UTC. Nothing
                  was overwritten and your changes are not saved. Reload to see the newer version; your edits here will be replaced.
                </p>
              </Banner>
            )}
            {actionData && !actionData.ok && actionData.tooLarge && (
              <Banner tone="critical" title="Over Shopify's limits for published offers">
                <p>{actionData.tooLarge}</p>
                <p>Nothing was saved.</p>
              </Banner>
            )}
            {actionData && !actionData.ok && !actionData.tooLarge && !conflict && (errorList.length > 0 || errors.form) && (
              <Banner tone="critical" title={`${errorList.length || 1} field${errorList.length === 1 ? " needs" : "s need"} attention. Nothing was saved.`}>
                <ul style={{ margin: 0, paddingInlineStart: "1.2em" }}>
                  {errors.form && <li>{errors.form}</li>}
                  {errorList.map(([k, v]) => (
                    <li key={k}>
                      {labelFor(k)}: {v}
                    </li>
                  ))}
                </ul>
              </Banner>
            )}
            {saved?.syncError && (
              <Banner tone="warning" title="Saved, but not yet live">
                <p>
                  Shopify has not received this change: {saved.syncError} Your storefront keeps the last offers that synced. Saving again retries.
                </p>
              </Banner>
            )}
            {props.broken && (
              <Banner tone="warning" title="This offer could not be read">
                <p>It was saved in an older format. The form shows defaults; saving replaces the stored offer.</p>
              </Banner>
            )}
            {id && !live && (
              // A saved offer that is not live says so where the merchant looks first, with the way to go live.
              <Banner tone="info" title={`${STATUS_LABEL[s.status] ?? s.status}: shoppers don't see this offer`} action={{ content: "Save and activate", onAction: activate.onAction, loading: saving }}>
                <p>Only active offers reach your storefront.</p>
              </Banner>
            )}
            {showTemplates && <TemplatePicker onChoose={(t) => void startFromTemplate(t)} onDismiss={() => setShowTemplates(false)} />}

            <Card>
              <BlockStack gap="300">
                <FormLayout>
                  <TextField id="offer-name" label="Name" autoComplete="off" value={s.name} onChange={(name) => patch({ name })} error={errors.name} helpText="Only you see this." maxLength={100} />
                </FormLayout>
                <StepNav current={step} onSelect={setStep} withErrors={withErrors} />
              </BlockStack>
            </Card>
            {guide && (
              <Banner tone="info" title={guide}>
                <p>Shopify&apos;s product picker is open.</p>
              </Banner>
            )}
            {/* Polaris cards run edge to edge on a phone; text outside them keeps the page's margin. */}
            <Box paddingInline={{ xs: "400", sm: "0" }}>
              <Text as="h2" variant="headingLg">
                {STEPS[stepIndex]?.title}
              </Text>
            </Box>
            {step === "when" && <WhenStep {...stepProps} />}
            {step === "what" && <WhatStep {...stepProps} />}
            {step === "say" && <SayStep {...stepProps} />}
            {step === "who" && <WhoStep {...stepProps} />}
            {step === "check" && <CheckStep {...stepProps} onEdit={setStep} stepsWithErrors={withErrors} goLive={goLive} />}
            <Box paddingBlockEnd="1600" paddingInline={{ xs: "400", sm: "0" }}>
              <InlineStack align="space-between">
                {prev ? <Button onClick={() => setStep(prev.id)}>{`Back to ${prev.label}`}</Button> : <span />}
                {next && (
                  <Button variant={next.id === "check" ? "primary" : "secondary"} onClick={() => setStep(next.id)}>
                    {`Next: ${next.label}`}
                  </Button>
                )}
              </InlineStack>
            </Box>
          </BlockStack>
        }
        preview={
          <PreviewPanel offerId={id} payload={payload} locales={s.locales} abVariants={s.abEnabled ? s.abVariants.map((v) => ({ id: v.id, name: v.name })) : []} paused={shopDefaults.paused} sample={props.sample} onSampleChange={props.onSampleChange} />
        }
      />
      <Modal
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title="Delete this offer?"
        primaryAction={{ content: "Delete", destructive: true, onAction: () => { setConfirmDelete(false); props.onDelete(); } }}
        secondaryActions={[{ content: "Cancel", onAction: () => setConfirmDelete(false) }]}
      >
        <Modal.Section>
          <Text as="p">It stops showing right away and can&apos;t be restored. To keep it for later, pause it instead.</Text>
        </Modal.Section>
      </Modal>
    </Page>
  );
}
