import { AppShell, Burger, Button, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { notifications } from '@mantine/notifications';
import { AuditBrokenBanner } from '../audit/AuditBrokenBanner';
import { useSession, useSignOut } from '../auth/hooks';
import { DeadlineAlerts, DeadlineCount } from '../complaints/deadlines';
import { EventNoticeAlerts, UpcomingEventCount } from '../events/notices';
import { errorMessage } from '../i18n/errors';
import { useT } from '../i18n/I18nProvider';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { UrgentAlerts, WorklistCount } from '../reminders/alerts';
import { SyncStatusDot } from '../sync/SyncStatusDot';
import { hrefOf, ROUTES, useLocation, type Route } from './router';
import { PAGES } from './routes';
import { useClientSearchShortcut } from './shortcuts';

/** The counts beside the navigation's entries: what waits there for this member of staff. */
const NAV_COUNTS: Partial<Record<Route, ReactNode>> = {
  worklist: <WorklistCount />,
  complaints: <DeadlineCount />,
  events: <UpcomingEventCount />,
};

export function AppLayout() {
  const t = useT();
  const session = useSession();
  const { route, id } = useLocation();
  const signOut = useSignOut();
  const [navOpened, nav] = useDisclosure(false);
  useClientSearchShortcut(!session.locked);
  const { Page, Detail } = PAGES[route];

  const onSignOut = () =>
    signOut.mutate(undefined, { onError: (error) => notifications.show({ color: 'red', message: errorMessage(t, error) }) });

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Text fw={700} size="lg" c="teal.8">
              {t('app.name')}
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap">
            <SyncStatusDot locked={session.locked} />
            <Text data-testid="staff-name" size="sm" fw={500}>
              {session.staff.displayName}
            </Text>
            <LanguageSwitch />
            <Button data-testid="signout" variant="default" size="xs" onClick={onSignOut} loading={signOut.isPending}>
              {t('auth.signout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
        {ROUTES.map((name) => (
          <NavLink
            key={name}
            href={hrefOf(name)}
            label={t(PAGES[name].label)}
            active={name === route}
            aria-current={name === route ? 'page' : undefined}
            data-testid={`nav-${name}`}
            onClick={nav.close}
            rightSection={NAV_COUNTS[name]}
          />
        ))}
      </AppShell.Navbar>

      <AppShell.Main bg="var(--mantine-color-gray-0)">
        <AuditBrokenBanner />
        {!session.locked && <DeadlineAlerts />}
        {!session.locked && <EventNoticeAlerts />}
        {!session.locked && <UrgentAlerts />}
        {/* Keyed by the record: moving from one client to another starts the page afresh (no revealed value carries over). */}
        {id !== null && Detail ? <Detail key={id} id={id} /> : <Page />}
      </AppShell.Main>
    </AppShell>
  );
}
