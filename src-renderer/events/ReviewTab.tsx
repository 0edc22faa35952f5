import { Alert, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { EventDetail } from '../../src-shared/contract/events';
import { methodQuery } from '../api/query';
import { errorMessage } from '../i18n/errors';
import { useFormats } from '../i18n/formats';
import { useI18n } from '../i18n/I18nProvider';
import { ReviewFigures } from './ReviewFigures';

/** One event's review: the figures so far before it is held, the whole picture after. */
export function ReviewTab({ event }: { event: EventDetail }) {
  const { t } = useI18n();
  const formats = useFormats();
  const review = useQuery({ ...methodQuery('events.reviewOne', { id: event.id }), staleTime: 0 });
  if (review.isPending) return <Loader size="sm" />;
  if (review.isError) return <Alert color="red">{errorMessage(t, review.error)}</Alert>;
  const r = review.data;
  return (
    <Stack gap="sm" data-testid="event-review">
      {!['held', 'reviewed'].includes(event.status) && (
        <Text size="sm" c="dimmed">
          {t('events.review.so_far')}
        </Text>
      )}
      <ReviewFigures facts={r.facts} figures={r.figures} />
      {r.estimateFen !== null && (
        <Text size="sm" c="dimmed">
          {t('events.review.estimate', { amount: formats.money(r.estimateFen) })}
        </Text>
      )}
    </Stack>
  );
}
