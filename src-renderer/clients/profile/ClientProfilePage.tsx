import { Alert, Badge, Button, Center, Grid, Loader, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { useRef, useState, type ReactNode } from 'react';
import { type ClientProfile, DEFAULT_SETTINGS } from '../../../src-shared/contract';
import { errorMessage } from '../../i18n/errors';
import { useT } from '../../i18n/I18nProvider';
import { useSettings, useWorkstationDay } from '../../settings/hooks';
import { Page } from '../../shell/Page';
import { hrefOf } from '../../shell/router';
import { ContactForm } from '../contacts/ContactForm';
import { Timeline, type Contact } from '../contacts/Timeline';
import { useClientProfile, useTimeline } from '../hooks';
import { AssetsTab } from './AssetsTab';
import { DepositsTab } from './DepositsTab';
import { HoldingsTab } from './HoldingsTab';
import { OverviewTab } from './OverviewTab';
import { PointsTab } from './PointsTab';
import { ProfileHeader } from './ProfileHeader';
import { RemindersSection } from './RemindersSection';

/** One client's profile (`#/clients/<id>`): who they are and what they hold on the left, the conversation on the right. */
export function ClientProfilePage({ id }: { id: string }) {
  const t = useT();
  const profile = useClientProfile(id);
  const back = (
    <Button component="a" href={hrefOf('clients')} variant="default" size="xs">
      {t('clients.profile.back')}
    </Button>
  );

  if (profile.data) return <Profile profile={profile.data} updatedAt={profile.dataUpdatedAt} back={back} />;
  return (
    <Page title={t('clients.profile.title')} actions={back}>
      {profile.isError ? (
        <Alert color="red" variant="light" data-testid="profile-error">
          {errorMessage(t, profile.error)}
        </Alert>
      ) : (
        <Center py="xl">
          <Loader />
        </Center>
      )}
    </Page>
  );
}

function Profile({ profile, updatedAt, back }: { profile: ClientProfile; updatedAt: number; back: ReactNode }) {
  const t = useT();
  const settings = useSettings();
  // "Today" at the branch, in the workstation's zone from the settings (what main's date rules use too).
  const { today } = useWorkstationDay();
  const contentRef = useRef<HTMLTextAreaElement>(null);
  const [correcting, setCorrecting] = useState<Contact | null>(null);

  const correct = (contact: Contact) => {
    setCorrecting(contact);
    contentRef.current?.focus();
  };

  return (
    <Page title={<span data-testid="profile-name">{profile.summary.name}</span>} actions={back} wide>
      <ProfileHeader profile={profile} />
      <Grid gap="lg" align="flex-start">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder radius="md" p="md">
            <Tabs defaultValue="overview" keepMounted={false}>
              <Tabs.List mb="md">
                <Tabs.Tab value="overview">{t('clients.tab.overview')}</Tabs.Tab>
                <Tabs.Tab value="assets">{t('clients.tab.assets')}</Tabs.Tab>
                <Tabs.Tab value="holdings" rightSection={<Count n={profile.holdings.length} />}>
                  {t('clients.tab.holdings')}
                </Tabs.Tab>
                <Tabs.Tab value="deposits" rightSection={<Count n={profile.deposits.length} />}>
                  {t('clients.tab.deposits')}
                </Tabs.Tab>
                <Tabs.Tab value="points">{t('clients.tab.points')}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="overview">
                <OverviewTab profile={profile} today={today} />
              </Tabs.Panel>
              <Tabs.Panel value="assets">
                <AssetsTab profile={profile} />
              </Tabs.Panel>
              <Tabs.Panel value="holdings">
                <HoldingsTab profile={profile} />
              </Tabs.Panel>
              <Tabs.Panel value="deposits">
                <DepositsTab
                  profile={profile}
                  today={today}
                  noticeDays={settings.data?.depositMaturityNoticeDays ?? DEFAULT_SETTINGS.depositMaturityNoticeDays}
                />
              </Tabs.Panel>
              <Tabs.Panel value="points">
                <PointsTab profile={profile} />
              </Tabs.Panel>
            </Tabs>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <RemindersSection clientId={profile.summary.id} clientName={profile.summary.name} today={today} />
            <ContactForm
              profile={profile}
              correcting={correcting}
              onCancelCorrection={() => setCorrecting(null)}
              contentRef={contentRef}
              onLogged={() => setCorrecting(null)}
            />
            <TimelineSection profile={profile} updatedAt={updatedAt} onCorrect={correct} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Page>
  );
}

/** The contact history, newest first; older entries page in on request, a page at a time. */
function TimelineSection({
  profile,
  updatedAt,
  onCorrect,
}: {
  profile: ClientProfile;
  updatedAt: number;
  onCorrect: (c: Contact) => void;
}) {
  const t = useT();
  const timeline = useTimeline(profile, updatedAt);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="timeline-title">
      <Title order={2} size="h4" id="timeline-title" mb="md">
        {t('contacts.timeline.title')}
      </Title>
      <Timeline contacts={timeline.contacts} onCorrect={onCorrect} />
      {timeline.hasNextPage ? (
        <Button
          data-testid="timeline-more"
          variant="default"
          size="xs"
          mt="md"
          fullWidth
          loading={timeline.isFetchingNextPage}
          onClick={() => void timeline.fetchNextPage()}
        >
          {t('contacts.timeline.load_older')}
        </Button>
      ) : (
        timeline.data.pages.length > 1 && (
          <Text data-testid="timeline-end" size="xs" c="dimmed" ta="center" mt="md">
            {t('contacts.timeline.all_loaded', { count: timeline.contacts.length })}
          </Text>
        )
      )}
      {timeline.isError && (
        <Alert color="red" variant="light" mt="sm">
          {errorMessage(t, timeline.error)}
        </Alert>
      )}
    </Paper>
  );
}

function Count({ n }: { n: number }) {
  return n > 0 ? (
    <Badge size="xs" variant="light" circle>
      {n}
    </Badge>
  ) : null;
}
