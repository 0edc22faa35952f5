import { useI18n } from '../i18n/I18nProvider';
import { Page } from '../shell/Page';
import { navigate } from '../shell/router';
import { EventForm } from './EventForm';
import { EventPage } from './EventPage';

/** `#/events/new` plans an event; `#/events/<id>` is one event. */
export function EventDetail({ id }: { id: string }) {
  const { t } = useI18n();
  if (id !== 'new') return <EventPage id={id} />;
  return (
    <Page title={t('events.new')}>
      <EventForm event={null} onSaved={(saved) => navigate('events', saved.id)} onCancel={() => navigate('events')} />
    </Page>
  );
}
