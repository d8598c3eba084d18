import { Box, Select } from "@shopify/polaris";
import { PERIODS } from "../analytics/period";

/** The analytics pages' period picker: the last 7, 30 or 90 days. */
export function PeriodSelect({ value, onChange }: { value: string; onChange: (period: string) => void }) {
  return (
    <Box maxWidth="240px" paddingInlineStart={{ xs: "400", sm: "0" }}>
      <Select label="Period" options={PERIODS.map((p) => ({ label: `Last ${p} days`, value: p }))} value={value} onChange={onChange} />
    </Box>
  );
}
