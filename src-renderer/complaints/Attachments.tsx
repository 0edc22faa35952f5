import { Alert, Badge, Button, FileButton, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ComplaintAttachment } from '../../src-shared/contract/complaints';
import { api } from '../api/client';
import { downloadBase64 } from '../files/download';
import { errorMessage } from '../i18n/errors';
import { useFormats } from '../i18n/formats';
import { useI18n } from '../i18n/I18nProvider';
import { complaintQuery } from './hooks';

/** A file as base64 without the data-URL prefix (what the contract carries). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result.replace(/^data:[^,]*,/, '') : '');
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}

function sizeText(bytes: number, count: (n: number) => string): string {
  return bytes >= 1024 * 1024 ? `${count(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB` : `${count(Math.ceil(bytes / 1024))} KB`;
}

/** Picks a scan, letter or photo and attaches it to the case; main says whether it is one (by content) and small enough. */
export function AttachFile({ caseId, onAttached }: { caseId: string; onAttached?: (file: ComplaintAttachment) => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const attach = useMutation({
    mutationFn: async (file: File) =>
      api.complaints.attach({ id: caseId, fileName: file.name, contentBase64: await readBase64(file), note: note.trim() || null }),
    onSuccess: (file) => {
      setNote('');
      void queryClient.invalidateQueries({ queryKey: complaintQuery(caseId).queryKey });
      onAttached?.(file);
    },
  });
  return (
    <Stack gap="xs">
      <Group gap="xs" align="flex-end">
        <TextInput
          size="xs"
          label={t('complaints.files.note')}
          value={note}
          maxLength={500}
          onChange={(e) => setNote(e.currentTarget.value)}
          style={{ flex: 1 }}
          data-testid="attach-note"
        />
        <FileButton onChange={(file) => file && attach.mutate(file)} accept="application/pdf,image/*">
          {(props) => (
            <Button {...props} size="xs" loading={attach.isPending} data-testid="attach-file">
              {t('complaints.files.attach')}
            </Button>
          )}
        </FileButton>
      </Group>
      <Text size="xs" c="dimmed">
        {t('complaints.files.hint')}
      </Text>
      {attach.isError && (
        <Alert color="red" variant="light" data-testid="attach-error">
          {errorMessage(t, attach.error)}
        </Alert>
      )}
    </Stack>
  );
}

/** Saves a file under its name, put together and checked in main (new windows are closed to the app's pages). */
async function openFile(id: string): Promise<void> {
  const file = await api.complaints.attachment({ id });
  downloadBase64(file.fileName, file.contentBase64, file.contentType);
}

/** A case's files: what, how large, who added them and when; each opens on a click. */
export function Attachments({ caseId, files, canAttach }: { caseId: string; files: ComplaintAttachment[]; canAttach: boolean }) {
  const { t, formatDateTime } = useI18n();
  const formats = useFormats();
  const open = useMutation({ mutationFn: openFile });
  return (
    <Paper withBorder p="md" radius="md" data-testid="case-files">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('complaints.files.title')}
        </Title>
        {files.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('complaints.files.none')}
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={4}>
            <Table.Tbody>
              {files.map((f) => (
                <Table.Tr key={f.id} data-testid="case-file">
                  <Table.Td>
                    <Button variant="subtle" size="compact-sm" disabled={!f.complete} onClick={() => open.mutate(f.id)}>
                      {f.fileName}
                    </Button>
                    {!f.complete && (
                      <Badge size="xs" color="gray" ml={6}>
                        {t('complaints.files.arriving')}
                      </Badge>
                    )}
                    {f.note && (
                      <Text size="xs" c="dimmed">
                        {f.note}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{sizeText(f.sizeBytes, formats.count)}</Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(f.at)} · {f.staffName ?? '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {open.isError && (
          <Alert color="red" variant="light">
            {errorMessage(t, open.error)}
          </Alert>
        )}
        {canAttach && <AttachFile caseId={caseId} />}
      </Stack>
    </Paper>
  );
}
