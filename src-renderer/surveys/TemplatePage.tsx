import { Alert, Badge, Button, Grid, Group, Loader, NavLink, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { mayCall } from '../auth/access';
import { useSession } from '../auth/hooks';
import { errorMessage } from '../i18n/errors';
import { useFormats } from '../i18n/formats';
import { useI18n } from '../i18n/I18nProvider';
import { Page } from '../shell/Page';
import { hrefOf, navigate } from '../shell/router';
import { useRetire, useTemplate } from './hooks';
import { textOf } from './links';
import { SurveyForm } from './SurveyForm';
import { TemplateEditor } from './TemplateEditor';

/**
 * One template: every version it has had (each with how many answers were given under it, shown as asked), the
 * manager's editor for the next version, and retiring it (never deleting: its answers stay in the figures).
 */
export function TemplatePage({ id }: { id: string }) {
  const { t, language } = useI18n();
  const formats = useFormats();
  const { staff } = useSession();
  const found = useTemplate(id);
  const retire = useRetire();
  const [editing, setEditing] = useState(false);
  const [shownId, setShownId] = useState<string | null>(null);
  if (found.isPending) return <Loader m="xl" />;
  if (found.isError) return <Alert color="red">{errorMessage(t, found.error)}</Alert>;
  const { template, versions } = found.data;
  const manages = mayCall(staff, 'surveys.publish');
  const shown = versions.find((v) => v.id === shownId) ?? template.current;

  return (
    <Page title={textOf(template.current.title, language)} wide>
      <Stack gap="md">
        <Group gap="sm">
          <Badge variant="light">{t(`surveys.occasion.${template.occasion}`)}</Badge>
          {template.retired && <Badge color="gray">{t('surveys.templates.retired')}</Badge>}
          <Button component="a" href={hrefOf('surveys')} variant="subtle" size="xs">
            {t('surveys.templates.back')}
          </Button>
          {manages && !editing && (
            <>
              <Button size="xs" onClick={() => setEditing(true)} data-testid="template-edit">
                {t('surveys.templates.edit')}
              </Button>
              <Button
                size="xs"
                variant="default"
                loading={retire.isPending}
                onClick={() => retire.mutate({ id: template.id, retired: !template.retired })}
                data-testid="template-retire"
              >
                {template.retired ? t('surveys.templates.restore') : t('surveys.templates.retire')}
              </Button>
            </>
          )}
        </Group>
        {editing ? (
          <TemplateEditor
            template={template}
            onPublished={() => {
              setEditing(false);
              setShownId(null);
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Paper withBorder radius="md" p={4}>
                {[...versions].reverse().map((v) => (
                  <NavLink
                    key={v.id}
                    active={v.id === shown.id}
                    onClick={() => setShownId(v.id)}
                    data-testid="template-version"
                    label={`v${v.number}${v.id === template.current.id ? ` · ${t('surveys.templates.current')}` : ''}`}
                    description={`${v.staffName ? `${formats.date(v.at.slice(0, 10))} · ${v.staffName}` : t('surveys.templates.shipped')} · ${t('surveys.templates.answers', { n: v.responses })}${v.note ? ` · ${v.note}` : ''}`}
                  />
                ))}
              </Paper>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 8 }}>
              <Paper withBorder p="md" radius="md">
                <Title order={3} size="h5" mb="sm">
                  {textOf(shown.title, language)} · v{shown.number}
                </Title>
                <Text size="xs" c="dimmed" mb="sm">
                  {t('surveys.templates.preview_hint')}
                </Text>
                <SurveyForm
                  key={shown.id}
                  version={shown}
                  link={{ clientId: null, respondent: null, eventId: null, complaintId: null }}
                  preview
                />
              </Paper>
            </Grid.Col>
          </Grid>
        )}
      </Stack>
    </Page>
  );
}

/** A new template: the editor alone; published, it opens as its own page. */
export function NewTemplatePage() {
  const { t } = useI18n();
  return (
    <Page title={t('surveys.templates.new')} wide>
      <TemplateEditor template={null} onPublished={(made) => navigate('surveys', made.id)} onCancel={() => navigate('surveys')} />
    </Page>
  );
}
