import { Badge, Group, Paper, SimpleGrid, Text, Tooltip } from '@mantine/core';
import type { ClientProfile } from '../../../src-shared/contract';
import { useT } from '../../i18n/I18nProvider';
import { useFormats } from '../../i18n/formats';
import { LifecycleBadge, TierBadge } from '../badges';
import { Fact } from './Fact';
import { RevealableValue } from './RevealableValue';

/** What staff must see before saying a word: who this is, how they are served, and what limits the conversation. */
export function ProfileHeader({ profile }: { profile: ClientProfile }) {
  const t = useT();
  const formats = useFormats();
  const { summary, identity, preferences } = profile;

  return (
    <Paper withBorder radius="md" p="md" data-testid="profile-header">
      <Group gap="xs" mb="md">
        <TierBadge tier={summary.tier} size="md" testId="profile-tier" />
        <LifecycleBadge lifecycle={summary.lifecycle} size="md" />
        {summary.strategic && (
          <Tooltip label={profile.strategicReason ?? t('clients.flag.strategic')} disabled={!profile.strategicReason} multiline maw={320}>
            <Badge data-testid="profile-strategic" color="grape" variant="filled" size="md" tt="none">
              {t('clients.flag.strategic')}
            </Badge>
          </Tooltip>
        )}
        {summary.kind === 'corporate' && (
          <Badge color="gray" variant="outline" size="md" tt="none">
            {t('clients.kind.corporate')}
          </Badge>
        )}
        {identity.elderly && (
          <Badge data-testid="profile-elderly" color="orange" variant="filled" size="md" tt="none">
            {t('clients.flag.elderly', { age: identity.age ?? '' })}
          </Badge>
        )}
        {preferences.doNotDisturb && (
          <Badge data-testid="profile-dnd" color="red" variant="filled" size="md" tt="none">
            {t('clients.flag.dnd')}
          </Badge>
        )}
        {!preferences.marketingConsent && (
          <Badge data-testid="profile-no-marketing" color="red" variant="light" size="md" tt="none">
            {t('clients.flag.no_marketing')}
          </Badge>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md" verticalSpacing="sm">
        <Fact label={t('clients.col.client_no')}>
          <Text size="sm" ff="monospace">
            {summary.clientNo}
          </Text>
        </Fact>
        <Fact label={t('clients.col.manager')}>{summary.managerName}</Fact>
        <Fact label={t('clients.profile.risk')} testId="profile-risk">
          <RiskSummary profile={profile} />
        </Fact>
        <Fact label={t('clients.col.id')}>
          <RevealableValue
            clientId={summary.id}
            field="id_number"
            masked={summary.maskedId}
            testIds={{ masked: 'masked-id', reveal: 'reveal-id' }}
          />
        </Fact>
        <Fact label={t('clients.col.mobile')}>
          <RevealableValue
            clientId={summary.id}
            field="mobile"
            masked={summary.maskedMobile}
            testIds={{ masked: 'masked-mobile', reveal: 'reveal-mobile' }}
          />
        </Fact>
        <Fact label={t('clients.profile.latest_assets')}>
          <Text size="sm" fw={600}>
            {formats.money(profile.latestAssetsFen)}
          </Text>
        </Fact>
      </SimpleGrid>
    </Paper>
  );
}

/** C1–C5 and until when it holds; red once expired, since an expired assessment blocks any recommendation. */
function RiskSummary({ profile }: { profile: ClientProfile }) {
  const t = useT();
  const formats = useFormats();
  const { riskLevel, riskExpired } = profile.summary;
  if (!riskLevel || !profile.riskExpiresOn) {
    return (
      <Text size="sm" c="red.7" fw={500}>
        {t('clients.risk.none')}
      </Text>
    );
  }
  return (
    <Text size="sm" c={riskExpired ? 'red.7' : undefined} fw={riskExpired ? 600 : undefined}>
      {riskLevel} ·{' '}
      {riskExpired
        ? t('clients.risk.expired_on', { date: formats.date(profile.riskExpiresOn) })
        : t('clients.risk.expires_on', { date: formats.date(profile.riskExpiresOn) })}
    </Text>
  );
}
