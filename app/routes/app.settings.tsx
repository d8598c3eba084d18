import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { onColour } from "@tactful/engine/colour";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Card,
  Checkbox,
  FormLayout,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  RangeSlider,
  Select,
  Text,
  TextField,
  useBreakpoints,
} from "@shopify/polaris";
import { SaveBar } from "@shopify/app-bridge-react";
import { useEffect, useMemo, useRef, useState } from "react";
import type { Content } from "@tactful/engine/types";
import { authenticate } from "../shopify.server";
import { activeOfferRecords, assertConfigFits, zodFieldErrors } from "../offers/offers.server";
import { ConfigTooLargeError } from "../offers/offer-compiler";
import { getShopSettings, saveShopSettings, settingsFormSchema } from "../offers/settings.server";
import { DEFAULT_STYLE } from "../offers/settings.schema";
import { syncShop } from "../shopify/sync.server";
import { bpsToPercent, percentToBps, toInt, type FieldErrors } from "../components/form-utils";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const view = await getShopSettings(session.shop);
  return { settings: view.settings, texts: view.texts };
};

type ActionData = { ok: true; syncError: string | null } | { ok: false; errors: FieldErrors; message?: string };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const body: unknown = await request.json().catch(() => null);
  const parsed = settingsFormSchema.safeParse(body);
  if (!parsed.success) return json({ ok: false, errors: zodFieldErrors(parsed.error) } satisfies ActionData, { status: 400 });
  try {
    // A lower default cap or a new style changes every offer's compiled size.
    assertConfigFits(await activeOfferRecords(session.shop), parsed.data);
  } catch (error) {
    if (error instanceof ConfigTooLargeError) return json({ ok: false, errors: { form: error.message }, message: error.message } satisfies ActionData, { status: 400 });
    throw error;
  }
  await saveShopSettings(session.shop, parsed.data);
  const sync = await syncShop(session.shop, admin);
  return json({ ok: true, syncError: sync.ok ? null : sync.error } satisfies ActionData);
};

/** The form as typed: settings as text, and the default popup words of the locale being edited. */
interface Values extends Content {
  cap: string;
  maxPerSession: string;
  cooldownDays: string;
  paused: boolean;
  defaultLocale: string;
  accent: string;
  radius: number;
  position: "center" | "bottom";
  scheme: "light" | "dark";
}

/**
 * A section's title and description: on a phone Polaris lays cards edge to
 * edge and gives the annotation no inset either, so the heading touched the
 * screen's edge (issue 19). The cards' own inset, on phones only.
 */
function Inset({ children }: { children: React.ReactNode }) {
  const { smDown } = useBreakpoints();
  return smDown ? <span style={{ display: "block", paddingInline: "var(--p-space-400)" }}>{children}</span> : <>{children}</>;
}

export default function Settings() {
  const { settings, texts } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const saving = navigation.state === "submitting";

  const initial = useMemo<Values>(() => {
    const t = texts[settings.defaultLocale] ?? Object.values(texts)[0];
    return {
      cap: bpsToPercent(settings.capBps),
      maxPerSession: String(settings.maxPerSession),
      cooldownDays: String(settings.cooldownDays),
      paused: settings.paused,
      defaultLocale: settings.defaultLocale,
      accent: settings.style.accent,
      radius: settings.style.radius,
      position: settings.style.position,
      scheme: settings.style.scheme,
      headline: t?.headline ?? "",
      body: t?.body ?? "",
      accept: t?.accept ?? "",
      decline: t?.decline ?? "",
    };
  }, [settings, texts]);
  const [values, setValues] = useState<Values>(initial);
  const [baseline, setBaseline] = useState<Values>(initial);
  const submitted = useRef<Values | null>(null);
  const dirty = JSON.stringify(values) !== JSON.stringify(baseline);
  // Only a save the server accepted moves the baseline; after a 400 the form stays dirty.
  useEffect(() => {
    if (actionData?.ok && submitted.current) setBaseline(submitted.current);
  }, [actionData]);
  const errors: FieldErrors = actionData && !actionData.ok ? actionData.errors : {};
  const set = <K extends keyof Values>(key: K) => (v: Values[K]) => setValues((prev) => ({ ...prev, [key]: v }));

  const save = () => {
    const locale = values.defaultLocale.trim();
    const payload = {
      capBps: percentToBps(values.cap),
      maxPerSession: toInt(values.maxPerSession),
      cooldownDays: toInt(values.cooldownDays),
      paused: values.paused,
      defaultLocale: locale,
      style: { accent: values.accent.trim(), radius: values.radius, position: values.position, scheme: values.scheme },
      texts: { ...texts, [locale]: { headline: values.headline, body: values.body, accept: values.accept, decline: values.decline } },
    };
    submitted.current = values;
    submit(payload, { method: "post", encType: "application/json" });
  };

  const textError = (k: string) => errors[`texts.${values.defaultLocale.trim()}.${k}`];
  const hexOk = /^#[0-9a-fA-F]{6}$/.test(values.accent);
  // As the popup draws its button (the default while the field is not a colour yet).
  const accent = hexOk ? values.accent : DEFAULT_STYLE.accent;

  return (
    <Page title="Settings" backAction={{ content: "Home", url: "/app" }} primaryAction={{ content: "Save", onAction: save, disabled: !dirty, loading: saving }}>
      <SaveBar id="settings-save-bar" open={dirty}>
        <button variant="primary" onClick={save} disabled={saving}>
          Save
        </button>
        <button onClick={() => setValues(baseline)}>Discard</button>
      </SaveBar>
      <BlockStack gap="400">
        {actionData?.ok && (
          <Banner tone={actionData.syncError ? "warning" : "success"} title="Settings saved">
            {actionData.syncError && <p>Shopify has not received them yet: {actionData.syncError}</p>}
          </Banner>
        )}
        {actionData && !actionData.ok && (
          <Banner tone="critical" title="Settings were not saved">
            <p>{actionData.message ?? "Fix the highlighted fields and save again."}</p>
          </Banner>
        )}
        <Layout>
          <Layout.AnnotatedSection id="guardrails" title={<Inset>Guardrails</Inset>} description={<Inset>Shop-wide rules every offer obeys. An offer can set a stricter price cap of its own.</Inset>}>
            <Card>
              <FormLayout>
                <Checkbox
                  label="Pause all popups"
                  helpText="Shoppers see no offers and get no offer discounts until you turn this off. Your offers are kept."
                  checked={values.paused}
                  onChange={set("paused")}
                />
                <TextField
                  label="Default price cap"
                  type="number"
                  suffix="%"
                  autoComplete="off"
                  value={values.cap}
                  onChange={set("cap")}
                  error={errors.capBps}
                  helpText="An offer is hidden if accepting it would raise the cart by more than this. Shoppers rarely pay more than 25% above what they planned."
                />
                <FormLayout.Group>
                  <TextField
                    label="Popups per session"
                    type="number"
                    autoComplete="off"
                    value={values.maxPerSession}
                    onChange={set("maxPerSession")}
                    error={errors.maxPerSession}
                    helpText="Across every surface: product, cart and checkout."
                  />
                  <TextField
                    label="Quiet days after “No thanks”"
                    type="number"
                    suffix="days"
                    autoComplete="off"
                    value={values.cooldownDays}
                    onChange={set("cooldownDays")}
                    error={errors.cooldownDays}
                    helpText="The same offer stays away this long after a shopper declines it."
                  />
                </FormLayout.Group>
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>

          <Layout.AnnotatedSection id="style" title={<Inset>Popup style</Inset>} description={<Inset>The popup uses your theme&apos;s fonts. Pick the accent, shape and placement.</Inset>}>
            <Card>
              <FormLayout>
                <InlineGrid columns={["oneThird", "twoThirds"]} gap="400" alignItems="end">
                  <TextField
                    label="Accent colour"
                    autoComplete="off"
                    value={values.accent}
                    onChange={set("accent")}
                    error={errors["style.accent"]}
                    prefix={<span aria-hidden style={{ display: "inline-block", width: 16, height: 16, borderRadius: 4, background: hexOk ? values.accent : "transparent", border: "1px solid #8a8a8a" }} />}
                  />
                  <RangeSlider
                    label="Corner radius"
                    min={0}
                    max={24}
                    value={values.radius}
                    onChange={(v) => set("radius")(typeof v === "number" ? v : v[0])}
                    output
                    suffix={<Text as="span">{`${values.radius}px`}</Text>}
                    error={errors["style.radius"]}
                  />
                </InlineGrid>
                <FormLayout.Group>
                  <Select
                    label="Position"
                    options={[
                      { label: "Centre of the screen", value: "center" },
                      { label: "Bottom sheet", value: "bottom" },
                    ]}
                    value={values.position}
                    onChange={(v) => set("position")(v === "bottom" ? "bottom" : "center")}
                    error={errors["style.position"]}
                  />
                  <Select
                    label="Colour scheme"
                    options={[
                      { label: "Light", value: "light" },
                      { label: "Dark", value: "dark" },
                    ]}
                    value={values.scheme}
                    onChange={(v) => set("scheme")(v === "dark" ? "dark" : "light")}
                    error={errors["style.scheme"]}
                  />
                </FormLayout.Group>
                <Box padding="400" background={values.scheme === "dark" ? "bg-fill-inverse" : "bg-surface-secondary"} borderRadius="200">
                  <div
                    style={{
                      borderRadius: values.radius,
                      padding: 16,
                      background: values.scheme === "dark" ? "#1f1f1f" : "#fff",
                      color: values.scheme === "dark" ? "#f1f1f1" : "#202223",
                      maxWidth: 320,
                      margin: values.position === "center" ? "0 auto" : "auto auto 0",
                      boxShadow: "0 4px 16px rgba(0,0,0,.15)",
                    }}
                  >
                    <strong>{values.headline || "Your headline"}</strong>
                    <div style={{ display: "flex", gap: 8, marginTop: 12 }}>
                      <span data-testid="style-preview-accept" style={{ background: accent, color: onColour(accent), borderRadius: values.radius / 2, padding: "6px 12px" }}>
                        {values.accept || "Add"}
                      </span>
                      <span style={{ padding: "6px 12px" }}>{values.decline || "No thanks"}</span>
                    </div>
                  </div>
                </Box>
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>

          <Layout.AnnotatedSection
            id="texts"
            title={<Inset>Default texts</Inset>}
            description={<Inset>Prefilled into new offers in your default language. Each offer can be translated into more languages in its editor.</Inset>}
          >
            <Card>
              <FormLayout>
                <TextField
                  label="Default language"
                  autoComplete="off"
                  value={values.defaultLocale}
                  onChange={set("defaultLocale")}
                  error={errors.defaultLocale}
                  helpText="The language new offers are written in first. An offer shows only to shoppers whose language it has text in. A code such as en, ar or pt-BR."
                />
                <TextField label="Headline" autoComplete="off" value={values.headline} onChange={set("headline")} error={textError("headline")} maxLength={120} showCharacterCount />
                <TextField label="Body" autoComplete="off" multiline={2} value={values.body} onChange={set("body")} error={textError("body")} maxLength={500} />
                <FormLayout.Group>
                  <TextField label="Accept button" autoComplete="off" value={values.accept} onChange={set("accept")} error={textError("accept")} maxLength={40} />
                  <TextField label="Decline button" autoComplete="off" value={values.decline} onChange={set("decline")} error={textError("decline")} maxLength={40} />
                </FormLayout.Group>
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
        </Layout>
        <InlineStack align="end">
          <Box paddingBlockEnd="400" />
        </InlineStack>
      </BlockStack>
    </Page>
  );
}
