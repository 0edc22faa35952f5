import { SimpleGrid } from '@mantine/core';
import type { EventReviewRow } from '../../src-shared/contract/events';
import { useFormats } from '../i18n/formats';
import { useT } from '../i18n/I18nProvider';
import { Figure } from '../reports/Figure';

const rate = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

/**
 * The review's figures (DOMAIN.md §6 总结回顾) for one event or a period's events: reach, acceptance and attendance
 * with the counts they divide, no-shows, what was learnt and sold, and the cost per attendee and per sale.
 */
export function ReviewFigures({
  facts: f,
  figures: g,
  testPrefix = 'review',
}: Pick<EventReviewRow, 'facts' | 'figures'> & { testPrefix?: string }) {
  const t = useT();
  const formats = useFormats();
  const money = (fen: number | null) => (fen === null ? '—' : formats.money(fen));
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
      <Figure
        label={t('events.review.reach')}
        value={rate(g.reachRate)}
        hint={t('events.review.of', { n: f.reached, of: f.invited })}
        testId={`${testPrefix}-reach`}
      />
      <Figure
        label={t('events.review.accept')}
        value={rate(g.acceptRate)}
        hint={t('events.review.of', { n: f.accepted, of: f.reached })}
        testId={`${testPrefix}-accept`}
      />
      <Figure
        label={t('events.review.attend')}
        value={rate(g.attendRate)}
        hint={t('events.review.attended', { n: f.attended, walkIns: f.walkIns })}
        testId={`${testPrefix}-attend`}
      />
      <Figure label={t('events.review.no_shows')} value={formats.count(g.noShows)} testId={`${testPrefix}-no-shows`} />
      <Figure label={t('events.review.new_information')} value={formats.count(f.newInformation)} testId={`${testPrefix}-new-information`} />
      <Figure label={t('events.review.follow_ups')} value={formats.count(f.followUps)} testId={`${testPrefix}-follow-ups`} />
      <Figure label={t('events.review.sales')} value={formats.count(f.sales)} testId={`${testPrefix}-sales`} />
      <Figure label={t('events.review.cost')} value={money(f.costFen)} testId={`${testPrefix}-cost`} />
      <Figure label={t('events.review.per_attendee')} value={money(g.costPerAttendeeFen)} testId={`${testPrefix}-per-attendee`} />
      <Figure label={t('events.review.per_sale')} value={money(g.costPerSaleFen)} testId={`${testPrefix}-per-sale`} />
    </SimpleGrid>
  );
}
