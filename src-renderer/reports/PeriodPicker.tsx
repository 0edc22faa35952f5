import { Group, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { type Period, PERIOD_PRESETS, type PeriodPreset, presetPeriod } from '../../src-shared/domain/periods';
import { useT } from '../i18n/I18nProvider';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A report's period: a preset at one click, or two days typed `YYYY-MM-DD` (`asked`: a list opened from a report's
 * figure starts on that figure's period). Tells its owner the period only when it is whole and in order, so no report
 * is asked for half a date.
 */
export function usePeriod(
  today: string,
  initial: PeriodPreset = 'this_year',
  asked: { from: string | null; to: string | null } | null = null,
) {
  // A period from an address (a report's figure opened as a list) counts only when whole and in order.
  const given =
    asked?.from && asked.to && DAY.test(asked.from) && DAY.test(asked.to) && asked.from <= asked.to
      ? { from: asked.from, to: asked.to }
      : null;
  const [preset, setPreset] = useState<PeriodPreset | 'custom'>(given ? 'custom' : initial);
  const [typed, setTyped] = useState<Period>(() => given ?? presetPeriod(initial, today));
  const period: Period | null =
    preset !== 'custom' ? presetPeriod(preset, today) : DAY.test(typed.from) && DAY.test(typed.to) && typed.from <= typed.to ? typed : null;
  return { preset, setPreset, typed, setTyped, period };
}

export function PeriodPicker({ state }: { state: ReturnType<typeof usePeriod> }) {
  const t = useT();
  const { preset, setPreset, typed, setTyped, period } = state;
  return (
    <Group gap="xs" align="flex-end" data-testid="report-period">
      <Select
        label={t('reports.period')}
        value={preset}
        allowDeselect={false}
        onChange={(value) => {
          if (!value) return;
          if (value === 'custom' && period) setTyped(period);
          setPreset(value);
        }}
        data={[...PERIOD_PRESETS, 'custom' as const].map((p) => ({ value: p, label: t(`reports.preset.${p}`) }))}
        w={180}
      />
      {preset === 'custom' && (
        <>
          <TextInput
            label={t('reports.from')}
            placeholder="YYYY-MM-DD"
            value={typed.from}
            onChange={(e) => setTyped({ ...typed, from: e.currentTarget.value.trim() })}
            w={130}
            data-testid="period-from"
          />
          <TextInput
            label={t('reports.to')}
            placeholder="YYYY-MM-DD"
            value={typed.to}
            onChange={(e) => setTyped({ ...typed, to: e.currentTarget.value.trim() })}
            error={period === null ? t('validation.period_days') : undefined}
            w={130}
            data-testid="period-to"
          />
        </>
      )}
    </Group>
  );
}
