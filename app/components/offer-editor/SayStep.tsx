import { BlockStack, Button, Card, Checkbox, FormLayout, InlineError, InlineStack, Tabs, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { errorsUnder } from "../form-utils";
import { emptyContent } from "../offer-form";
import { ContentFields } from "./fields";
import type { StepProps } from "./step-props";

/** Say: the popup's copy in each language, and the honest urgency lines it may add. */
export function SayStep({ s, patch, errors, defaultLocale }: StepProps) {
  const [localeTab, setLocaleTab] = useState(0);
  const [newLocale, setNewLocale] = useState("");
  const d = (k: string) => errors[`definition.${k}`];
  const locale = s.locales[localeTab] ?? s.locales[0] ?? "en";

  const addLocale = () => {
    const l = newLocale.trim();
    if (!l || s.locales.includes(l)) return;
    const base = s.content[s.locales[0] ?? ""] ?? emptyContent();
    patch({ locales: [...s.locales, l], content: { ...s.content, [l]: { ...base } } });
    setLocaleTab(s.locales.length);
    setNewLocale("");
  };
  const removeLocale = (l: string) => {
    if (s.locales.length <= 1) return;
    const content = { ...s.content };
    delete content[l];
    patch({ locales: s.locales.filter((x) => x !== l), content });
    setLocaleTab(0);
  };

  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd">
              Popup text
            </Text>
            {s.locales.length > 1 && (
              <Button variant="plain" tone="critical" onClick={() => removeLocale(locale)}>
                {`Remove ${locale}`}
              </Button>
            )}
          </InlineStack>
          <Tabs
            tabs={s.locales.map((l) => ({ id: `locale-${l}`, content: l, badge: errorsUnder(errors, `definition.content.${l}`).length ? "!" : undefined }))}
            selected={Math.min(localeTab, s.locales.length - 1)}
            onSelect={setLocaleTab}
          />
          <ContentFields
            value={s.content[locale] ?? emptyContent()}
            onChange={(c) => patch({ content: { ...s.content, [locale]: c } })}
            errors={errors}
            prefix={`definition.content.${locale}`}
            idPrefix="offer-content"
          />
          {d("content") && <InlineError message={d("content") ?? ""} fieldID="offer-content" />}
          <InlineStack gap="200" blockAlign="end">
            <div style={{ flex: "1 1 12rem" }}>
              <TextField label="Add a language" autoComplete="off" placeholder="e.g. ar, de, pt-BR" value={newLocale} onChange={setNewLocale} />
            </div>
            <Button onClick={addLocale} disabled={!newLocale.trim()}>
              Add
            </Button>
          </InlineStack>
          <LocaleCoverage locales={s.locales} defaultLocale={defaultLocale} fallback={s.fallbackToDefaultLocale} />
          <Checkbox
            label="Show in the shop's default language where no translation exists"
            helpText={
              s.locales.some((l) => l.toLowerCase() === defaultLocale.toLowerCase())
                ? `Shoppers in other languages then see the ${defaultLocale} text. Off: they see no offer.`
                : `This offer has no ${defaultLocale} text, so there is nothing to fall back to: add ${defaultLocale} above.`
            }
            checked={s.fallbackToDefaultLocale}
            onChange={(fallbackToDefaultLocale) => patch({ fallbackToDefaultLocale })}
            error={d("fallbackToDefaultLocale")}
          />
        </BlockStack>
      </Card>

      <Card>
        <FormLayout>
          <Text as="h2" variant="headingMd">
            Honest urgency
          </Text>
          <Checkbox
            label="Show the end date (“Offer ends …”)"
            helpText="Only possible when the offer really has an end date (When). Tactful never shows countdown timers."
            checked={s.showEndDate}
            onChange={(showEndDate) => patch({ showEndDate })}
            error={d("urgency.showEndDate")}
          />
          <TextField
            label="Show “Only N left” below"
            type="number"
            autoComplete="off"
            placeholder="Never"
            value={s.lowStockBelow}
            onChange={(lowStockBelow) => patch({ lowStockBelow })}
            error={d("urgency.lowStockBelow")}
            helpText="Shown only when your real stock is this low."
          />
        </FormLayout>
      </Card>
    </BlockStack>
  );
}

/** Which shoppers see this offer, by language: the languages it has text for, and what everyone else gets (0074, 0091). */
export function LocaleCoverage({ locales, defaultLocale, fallback }: { locales: string[]; defaultLocale: string; fallback: boolean }) {
  const hasDefault = locales.some((l) => l.toLowerCase() === defaultLocale.toLowerCase());
  return (
    <BlockStack gap="100">
      <Text as="p" variant="bodyMd">
        <span data-testid="locale-coverage">{`Covers ${locales.length === 1 ? "1 language" : `${locales.length} languages`}: ${locales.join(", ")}`}</span>
      </Text>
      <Text as="p" variant="bodySm" tone="subdued">
        {fallback && hasDefault ? `Other languages: shown in ${defaultLocale}.` : "Other languages: not shown."}
      </Text>
    </BlockStack>
  );
}
