import { Alert, Badge, Group, Loader, Table, Text } from '@mantine/core';
import { errorMessage } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import { useStaffList } from './hooks';
import { ROLE_LABELS } from './roles';

export function StaffTable() {
  const { t, formatDateTime } = useI18n();
  const staff = useStaffList();

  if (staff.isPending) return <Loader size="sm" />;
  if (staff.isError && !staff.data) return <Alert color="red">{errorMessage(t, staff.error)}</Alert>;
  if (staff.data.length === 0) return <Text c="dimmed">{t('staff.empty')}</Text>;

  const now = Date.now();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table data-testid="staff-table" striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('staff.login')}</Table.Th>
            <Table.Th>{t('staff.name')}</Table.Th>
            <Table.Th>{t('staff.roles')}</Table.Th>
            <Table.Th>{t('staff.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {staff.data.map((member) => {
            const lockedUntil = member.lockedUntil && Date.parse(member.lockedUntil) > now ? member.lockedUntil : null;
            return (
              <Table.Tr key={member.id} data-testid={`staff-row-${member.login}`}>
                <Table.Td ff="monospace">{member.login}</Table.Td>
                <Table.Td>{member.displayName}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {member.roles.map((role) => (
                      <Badge key={role} variant="light" size="sm" tt="none">
                        {t(ROLE_LABELS[role])}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {member.disabled ? (
                    <Badge color="gray" tt="none">
                      {t('staff.status.disabled')}
                    </Badge>
                  ) : lockedUntil ? (
                    <Badge color="orange" tt="none">
                      {t('staff.status.locked_until', { time: formatDateTime(lockedUntil) })}
                    </Badge>
                  ) : (
                    <Badge color="teal" variant="dot" tt="none">
                      {t('staff.status.active')}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
