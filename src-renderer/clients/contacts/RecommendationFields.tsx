import { Alert, Checkbox, Group, List, NativeSelect, Stack, Switch, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ClientSummary } from '../../../src-shared/contract';
import { PRODUCT_RISKS, RISK_LEVELS } from '../../../src-shared/contract/clients';
import { riskLevelNumber, type ClientRiskLevel } from '../../../src-shared/domain/suitability';
import { useT } from '../../i18n/I18nProvider';
import type { ContactDraft, ProductRisk } from './draft';

/** A product above the client's assessed level (R4 for a C3 client) needs the client's recorded confirmation. */
export function isAboveLevel(clientLevel: string | null, productRisk: ProductRisk): boolean {
  if (!isClientRiskLevel(clientLevel)) return false;
  return riskLevelNumber(productRisk) > riskLevelNumber(clientLevel);
}

function isClientRiskLevel(level: string | null): level is ClientRiskLevel {
  return level !== null && (RISK_LEVELS as readonly string[]).includes(level);
}

/**
 * The product recommended or sold in this conversation, with what DOMAIN.md §4 asks before it may be recorded:
 * a valid risk assessment, the client's confirmation above their level, the elderly warning, the dual-recording
 * reference of a sale. Main decides; the hints here only say in advance what it will ask for.
 */
export function RecommendationFields({
  draft,
  set,
  summary,
  askAboveConfirmation,
  askElderlyWarning,
  errorOf,
  refusal,
}: {
  draft: ContactDraft;
  set: <K extends keyof ContactDraft>(key: K, value: ContactDraft[K]) => void;
  summary: ClientSummary;
  askAboveConfirmation: boolean;
  askElderlyWarning: boolean;
  errorOf: (path: string) => ReactNode;
  /** Main's refusal of this recommendation, shown beside the fields it concerns. */
  refusal: { title: string; reasons: string[] } | null;
}) {
  const t = useT();

  return (
    <Stack gap="sm" data-testid="contact-recommendation">
      {summary.riskLevel === null ? (
        <Alert color="yellow" variant="light" p="xs">
          {t('suitability.hint.assessment_missing')}
        </Alert>
      ) : summary.riskExpired ? (
        <Alert color="yellow" variant="light" p="xs">
          {t('suitability.hint.assessment_expired')}
        </Alert>
      ) : null}
      <Group grow align="flex-start" wrap="nowrap">
        <TextInput
          data-testid="contact-product"
          label={t('contacts.form.product')}
          autoComplete="off"
          value={draft.productName}
          onChange={(e) => set('productName', e.currentTarget.value)}
          error={errorOf('recommendation.productName')}
        />
        <NativeSelect
          data-testid="contact-product-risk"
          label={summary.riskLevel ? t('contacts.form.product_risk_for', { level: summary.riskLevel }) : t('contacts.form.product_risk')}
          data={PRODUCT_RISKS.map((risk) => ({ value: risk, label: risk }))}
          value={draft.productRisk}
          onChange={(e) => set('productRisk', e.currentTarget.value as ProductRisk)}
          maw={180}
        />
      </Group>
      <Switch
        data-testid="contact-is-sale"
        label={t('contacts.form.is_sale')}
        checked={draft.isSale}
        onChange={(e) => set('isSale', e.currentTarget.checked)}
      />
      {draft.isSale && (
        <TextInput
          data-testid="contact-dual-ref"
          label={t('contacts.form.dual_ref')}
          description={t('contacts.form.dual_ref_hint')}
          autoComplete="off"
          value={draft.dualRecordingRef}
          onChange={(e) => set('dualRecordingRef', e.currentTarget.value)}
          error={errorOf('recommendation.dualRecordingRef')}
        />
      )}
      {askAboveConfirmation && (
        <Checkbox
          data-testid="contact-confirm-above"
          color="orange"
          label={t('contacts.form.confirm_above', { product: draft.productRisk, level: summary.riskLevel ?? '' })}
          checked={draft.confirmedAboveLevel}
          onChange={(e) => set('confirmedAboveLevel', e.currentTarget.checked)}
        />
      )}
      {askElderlyWarning && (
        <Checkbox
          data-testid="contact-confirm-elderly"
          color="orange"
          label={t('contacts.form.confirm_elderly')}
          checked={draft.elderlyWarningConfirmed}
          onChange={(e) => set('elderlyWarningConfirmed', e.currentTarget.checked)}
        />
      )}
      {refusal && (
        <Alert data-testid="contact-error" data-kind="suitability" color="red" variant="light" title={refusal.title}>
          {refusal.reasons.length > 0 && (
            <List size="sm" spacing={2}>
              {refusal.reasons.map((reason) => (
                <List.Item key={reason}>{reason}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
    </Stack>
  );
}
