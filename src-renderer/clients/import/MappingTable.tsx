import { Badge, Group, NativeSelect, SimpleGrid, Text } from '@mantine/core';
import { useT } from '../../i18n/I18nProvider';
import { FIELD_LABELS, IMPORT_FIELDS, REQUIRED_FIELDS } from './fields';

const UNMAPPED = '';

/** Which column of the file fills each client field: main's guess from the headers, correctable by staff. */
export function MappingTable({
  headers,
  mapping,
  onChange,
  disabled,
}: {
  headers: string[];
  mapping: Record<string, number>;
  onChange: (mapping: Record<string, number>) => void;
  disabled: boolean;
}) {
  const t = useT();
  const columns = [
    { value: UNMAPPED, label: t('import.mapping.none') },
    ...headers.map((header, index) => ({ value: String(index), label: t('import.mapping.column', { n: index + 1, header }) })),
  ];
  const set = (field: string, value: string) => {
    const next = { ...mapping };
    if (value === UNMAPPED) delete next[field];
    else next[field] = Number(value);
    onChange(next);
  };
  return (
    <SimpleGrid data-testid="import-mapping" cols={{ base: 1, sm: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
      {IMPORT_FIELDS.map((field) => (
        <NativeSelect
          key={field}
          data-field={field}
          size="xs"
          disabled={disabled}
          label={
            <Group gap={4} component="span">
              <Text span size="xs" fw={500}>
                {t(FIELD_LABELS[field])}
              </Text>
              {REQUIRED_FIELDS.has(field) && (
                <Badge size="xs" variant="light" color="red" tt="none">
                  {t('import.mapping.required')}
                </Badge>
              )}
            </Group>
          }
          data={columns}
          value={mapping[field] === undefined ? UNMAPPED : String(mapping[field])}
          onChange={(e) => set(field, e.currentTarget.value)}
          error={REQUIRED_FIELDS.has(field) && mapping[field] === undefined ? true : undefined}
        />
      ))}
    </SimpleGrid>
  );
}
