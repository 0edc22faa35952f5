import { Alert, Button, Group, MultiSelect, NumberInput, Paper, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { PRODUCT_RISKS } from '../../src-shared/contract/clients';
import { type EventDetail, type Segment, segmentSchema } from '../../src-shared/contract/events';
import { AGE_BANDS } from '../../src-shared/domain/events';
import { LIFECYCLES } from '../../src-shared/domain/lifecycle';
import { TIERS } from '../../src-shared/domain/tier';
import { errorMessage } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import { useAddSegment, useSegmentCount } from './hooks';

/** Interests staff record most; any other tag can be typed. */
const COMMON_INTERESTS = ['贵金属', '基金定投', '保险保障', '养老规划', '子女教育', '健康养生', '海外留学', '书画收藏', '旅游', '高尔夫'];

const days = (value: number | string) => (typeof value === 'number' && value >= 1 ? value : null);

/**
 * The target segment (DOMAIN.md §6 选择目标客户) with a live count as the filters change, and who it leaves out —
 * do-not-disturb, no marketing consent, already on the list — then one click puts the rest on the list.
 */
export function SegmentBuilder({ event }: { event: EventDetail }) {
  const { t } = useI18n();
  const [segment, setSegment] = useState<Segment>(() => segmentSchema.parse(event.plan.segment));
  const [debounced] = useDebouncedValue(segment, 250);
  const count = useSegmentCount(event.id, debounced, true);
  const add = useAddSegment();
  const set = <K extends keyof Segment>(key: K, value: Segment[K]) => setSegment((s) => ({ ...s, [key]: value }));
  const c = count.data;
  // A segment with no filter is the whole archive: a list is built from a choice, never from everyone by accident.
  const empty = JSON.stringify(segment) === JSON.stringify(segmentSchema.parse({}));

  return (
    <Paper withBorder p="md" data-testid="segment-builder">
      <Stack gap="sm">
        <Text fw={600}>{t('events.segment.title')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          <MultiSelect
            data-testid="segment-tiers"
            label={t('events.segment.tiers')}
            data={TIERS.map((tier) => ({ value: tier, label: t(`tier.${tier}`) }))}
            value={segment.tiers}
            onChange={(v) => set('tiers', v)}
            clearable
          />
          <TagsInput
            data-testid="segment-interests"
            label={t('events.segment.interests')}
            data={COMMON_INTERESTS}
            value={segment.interests}
            onChange={(v) => set('interests', v.slice(0, 10))}
            clearable
          />
          <MultiSelect
            data-testid="segment-ages"
            label={t('events.segment.age_bands')}
            data={AGE_BANDS.map((band) => ({ value: band, label: t(`events.age.${band}`) }))}
            value={segment.ageBands}
            onChange={(v) => set('ageBands', v)}
            clearable
          />
          <MultiSelect
            data-testid="segment-risks"
            label={t('events.segment.product_risks')}
            data={[...PRODUCT_RISKS]}
            value={segment.productRisks}
            onChange={(v) => set('productRisks', v)}
            clearable
          />
          <TextInput
            data-testid="segment-product"
            label={t('events.segment.product')}
            value={segment.product ?? ''}
            onChange={(e) => set('product', e.currentTarget.value.trim() === '' ? null : e.currentTarget.value)}
          />
          <MultiSelect
            data-testid="segment-lifecycles"
            label={t('events.segment.lifecycles')}
            data={LIFECYCLES.map((l) => ({ value: l, label: t(`lifecycle.${l}`) }))}
            value={segment.lifecycles}
            onChange={(v) => set('lifecycles', v)}
            clearable
          />
          <NumberInput
            data-testid="segment-contacted-within"
            label={t('events.segment.contacted_within')}
            min={1}
            max={3650}
            allowDecimal={false}
            value={segment.contactedWithinDays ?? ''}
            onChange={(v) => set('contactedWithinDays', days(v))}
          />
          <NumberInput
            data-testid="segment-not-contacted"
            label={t('events.segment.not_contacted')}
            min={1}
            max={3650}
            allowDecimal={false}
            value={segment.notContactedDays ?? ''}
            onChange={(v) => set('notContactedDays', days(v))}
          />
          <NumberInput
            data-testid="segment-not-invited"
            label={t('events.segment.not_invited', { type: t(`events.type.${event.type}`) })}
            min={1}
            max={3650}
            allowDecimal={false}
            value={segment.notInvitedDays ?? ''}
            onChange={(v) => set('notInvitedDays', days(v))}
          />
        </SimpleGrid>
        {count.isError && <Alert color="red">{errorMessage(t, count.error)}</Alert>}
        <Group justify="space-between" align="center">
          <Text size="sm" data-testid="segment-count" style={{ opacity: count.isFetching ? 0.6 : 1 }}>
            {c
              ? t('events.segment.count', {
                  matching: c.matching,
                  eligible: c.eligible,
                  dnd: c.doNotDisturb,
                  consent: c.noConsent,
                  listed: c.alreadyListed,
                })
              : '…'}
          </Text>
          <Button
            data-testid="segment-add"
            disabled={empty || !c || c.eligible === 0 || count.isFetching || debounced !== segment}
            loading={add.isPending}
            onClick={() => add.mutate({ eventId: event.id, segment })}
          >
            {t('events.segment.add', { n: c?.eligible ?? 0 })}
          </Button>
        </Group>
        {add.isError && <Alert color="red">{errorMessage(t, add.error)}</Alert>}
        {add.isSuccess && (
          <Text size="sm" c="teal" data-testid="segment-added">
            {t('events.segment.added', { n: add.data.added })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
