import { Anchor, Badge, Button, Group, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { mayCall } from '../auth/access';
import { useSession } from '../auth/hooks';
import { useFormats } from '../i18n/formats';
import { useI18n } from '../i18n/I18nProvider';
import { hrefOf } from '../shell/router';
import { useTemplates } from './hooks';
import { textOf } from './links';

/** The templates on offer and retired, each with its version offered now; managers make new ones. */
export function TemplatesTab() {
  const { t, language } = useI18n();
  const formats = useFormats();
  const { staff } = useSession();
  const templates = useTemplates();
  if (templates.isPending) return <Loader size="sm" />;
  return (
    <Stack gap="sm" data-testid="survey-templates">
      {mayCall(staff, 'surveys.publish') && (
        <Group>
          <Button component="a" href={hrefOf('surveys', 'template-new')} data-testid="template-new">
            {t('surveys.templates.new')}
          </Button>
        </Group>
      )}
      <Paper withBorder radius="md">
        <Table fz="sm" striped verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('surveys.templates.title')}</Table.Th>
              <Table.Th>{t('surveys.templates.occasion')}</Table.Th>
              <Table.Th>{t('surveys.templates.version')}</Table.Th>
              <Table.Th>{t('surveys.templates.published')}</Table.Th>
              <Table.Th ta="right">{t('surveys.templates.questions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(templates.data ?? []).map((x) => (
              <Table.Tr key={x.id} data-testid="template-row">
                <Table.Td>
                  <Anchor href={hrefOf('surveys', x.id)} size="sm">
                    {textOf(x.current.title, language)}
                  </Anchor>{' '}
                  {x.retired && (
                    <Badge size="xs" color="gray">
                      {t('surveys.templates.retired')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{t(`surveys.occasion.${x.occasion}`)}</Table.Td>
                <Table.Td>
                  v{x.current.number}
                  {x.versions > 1 && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      {t('surveys.templates.versions', { n: x.versions })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {x.current.staffName
                    ? `${formats.date(x.current.at.slice(0, 10))} · ${x.current.staffName}`
                    : t('surveys.templates.shipped')}
                </Table.Td>
                <Table.Td ta="right">{x.current.questions.length}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
