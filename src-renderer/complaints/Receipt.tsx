import { Button, Divider, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ComplaintAttachment } from '../../src-shared/contract/complaints';
import { useFormats } from '../i18n/formats';
import { useI18n } from '../i18n/I18nProvider';
import { AttachFile } from './Attachments';
import type { TakenComplaint } from './IntakeForm';

/**
 * 受理回执, the receipt the complainant takes away (DOMAIN.md §5): case number, day received, the day the decision
 * is due, how to follow up, and the right to ask for a review. One print-ready sheet: window.print() opens Electron's
 * print/PDF dialog in the app and the browser's in the browser host; print.css leaves the rest of the screen off.
 */
export function Receipt({ taken, onDone }: { taken: TakenComplaint; onDone: () => void }) {
  const { t } = useI18n();
  const formats = useFormats();
  // The letter or scan handed over at the counter goes with the case before anyone accepts it.
  const [attached, setAttached] = useState<ComplaintAttachment[]>([]);
  return (
    <Stack gap="sm" maw={720}>
      <Paper withBorder p="xl" className="bd-print-sheet" data-testid="complaint-receipt">
        <Stack gap="md">
          <Title order={2} ta="center">
            {t('complaints.receipt.title')}
          </Title>
          <Table withRowBorders={false} fz="md">
            <Table.Tbody>
              {(
                [
                  ['complaints.case_no', taken.caseNo],
                  ['complaints.complainant', taken.complainant],
                  ['complaints.received_on', formats.date(taken.receivedOn)],
                  ['complaints.receipt.due', formats.date(taken.dueOn)],
                ] as const
              ).map(([label, value]) => (
                <Table.Tr key={label}>
                  <Table.Th w={180}>{t(label)}</Table.Th>
                  <Table.Td data-testid={`receipt-${label}`}>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Divider />
          <Text size="sm">{t('complaints.receipt.follow_up', { caseNo: taken.caseNo })}</Text>
          <Text size="sm">{t('complaints.receipt.review_right')}</Text>
          <Group justify="space-between" mt="xl">
            <Text size="sm">{t('complaints.receipt.branch_seal')}</Text>
            <Text size="sm">{t('complaints.receipt.signature')}</Text>
          </Group>
        </Stack>
      </Paper>
      <Paper withBorder p="md" className="bd-no-print">
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('complaints.files.title')}
          </Title>
          {attached.map((f) => (
            <Text key={f.id} size="sm" data-testid="receipt-file">
              {f.fileName}
            </Text>
          ))}
          <AttachFile caseId={taken.id} onAttached={(file) => setAttached((list) => [...list, file])} />
        </Stack>
      </Paper>
      <Group className="bd-no-print">
        <Button data-testid="receipt-print" onClick={() => window.print()}>
          {t('complaints.receipt.print')}
        </Button>
        <Button variant="default" onClick={onDone} data-testid="receipt-done">
          {t('complaints.receipt.done')}
        </Button>
      </Group>
    </Stack>
  );
}
