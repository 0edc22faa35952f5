import { Badge, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ClientProfile } from '../../../src-shared/contract';
import { useT } from '../../i18n/I18nProvider';
import { useFormats } from '../../i18n/formats';
import { useSession } from '../../auth/hooks';
import { mayCall } from '../../auth/access';
import { channelLabel, idTypeLabel } from '../labels';
import { AssessmentForm } from './AssessmentForm';
import { Fact } from './Fact';
import { ImportantDates } from './ImportantDates';
import { PreferencesForm } from './PreferencesForm';
import { StrategicPin } from './StrategicPin';

/**
 * Identity, needs and preferences, important dates. The branch edits the needs and preferences (and occupation,
 * employer, address), keeps the important dates, and a manager pins a strategic client.
 */
export function OverviewTab({ profile, today }: { profile: ClientProfile; today: string }) {
  const t = useT();
  const formats = useFormats();
  const { identity, preferences } = profile;
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  const idExpired = identity.idExpiry !== null && identity.idExpiry < today;
  const { staff } = useSession();
  const [editing, setEditing] = useState(false);

  return (
    <Stack gap="lg">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('clients.overview.identity')}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md" verticalSpacing="sm">
          <Fact label={t('clients.overview.name_en')}>{identity.nameEn}</Fact>
          <Fact label={t('clients.overview.gender')}>{identity.gender ? t(`gender.${identity.gender}`) : null}</Fact>
          <Fact label={t('clients.overview.birth_date')}>
            {identity.birthDate
              ? identity.age !== null
                ? t('clients.overview.birth_with_age', { date: formats.date(identity.birthDate), age: identity.age })
                : formats.date(identity.birthDate)
              : null}
          </Fact>
          <Fact label={t('clients.overview.id_type')}>{idTypeLabel(t, identity.idType)}</Fact>
          <Fact label={t('clients.overview.id_expiry')}>
            {identity.idExpiry ? (
              <Group gap={6}>
                <Text size="sm" c={idExpired ? 'red.7' : undefined}>
                  {formats.date(identity.idExpiry)}
                </Text>
                {idExpired && (
                  <Badge color="red" variant="light" size="xs" tt="none">
                    {t('clients.overview.id_expired')}
                  </Badge>
                )}
              </Group>
            ) : null}
          </Fact>
          <Fact label={t('clients.overview.province')}>{identity.province}</Fact>
          <Fact label={t('clients.overview.address')}>{identity.address}</Fact>
          <Fact label={t('clients.overview.occupation')}>{identity.occupation}</Fact>
          <Fact label={t('clients.overview.industry')}>{identity.industry}</Fact>
          <Fact label={t('clients.overview.employer')}>{identity.employer}</Fact>
          <Fact label={t('clients.overview.income_band')}>{identity.incomeBand}</Fact>
        </SimpleGrid>
      </Stack>

      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {t('clients.overview.preferences')}
          </Title>
          {!editing && (
            <Button data-testid="profile-edit" size="xs" variant="light" onClick={() => setEditing(true)}>
              {t('clients.edit.open')}
            </Button>
          )}
        </Group>
        {editing ? (
          <PreferencesForm profile={profile} onDone={() => setEditing(false)} />
        ) : (
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md" verticalSpacing="sm">
            <Fact label={t('clients.overview.financial_goals')}>{preferences.financialGoals}</Fact>
            <Fact label={t('clients.overview.interests')}>
              {preferences.interests.length > 0 ? (
                <Group gap={4}>
                  {preferences.interests.map((interest) => (
                    <Badge key={interest} variant="light" color="blue" size="sm" tt="none">
                      {interest}
                    </Badge>
                  ))}
                </Group>
              ) : null}
            </Fact>
            <Fact label={t('clients.overview.preferred_channel')}>
              {preferences.preferredChannel ? channelLabel(t, preferences.preferredChannel) : null}
            </Fact>
            <Fact label={t('clients.overview.preferred_hours')}>{preferences.preferredHours}</Fact>
            <Fact label={t('clients.flag.dnd')}>
              <Text size="sm" c={preferences.doNotDisturb ? 'red.7' : undefined}>
                {yesNo(preferences.doNotDisturb)}
              </Text>
            </Fact>
            <Fact label={t('clients.overview.marketing_consent')}>
              <Text size="sm" c={preferences.marketingConsent ? undefined : 'red.7'}>
                {yesNo(preferences.marketingConsent)}
              </Text>
            </Fact>
            {profile.summary.strategic && <Fact label={t('clients.overview.strategic_reason')}>{profile.strategicReason}</Fact>}
          </SimpleGrid>
        )}
        {mayCall(staff, 'clients.pinStrategic') && <StrategicPin profile={profile} />}
      </Stack>

      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('clients.assessment.title')}
        </Title>
        <AssessmentForm profile={profile} today={today} />
      </Stack>

      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('clients.overview.important_dates')}
        </Title>
        <ImportantDates profile={profile} />
      </Stack>
    </Stack>
  );
}
