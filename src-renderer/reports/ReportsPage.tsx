import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useSession } from '../auth/hooks';
import { mayCall } from '../auth/access';
import { useT } from '../i18n/I18nProvider';
import { Page } from '../shell/Page';
import { ClientsReportSection } from './ClientsReport';
import { ComplaintsReportSection } from './ComplaintsReport';
import { EventsReportSection } from './EventsReport';
import { SurveysReportSection } from './SurveysReport';

/**
 * The Reports screen: one section per capability, each computed in main from the store — clients and contact
 * coverage, complaints, events, surveys — the ones the staff member may read.
 */
export function ReportsPage() {
  const t = useT();
  const { staff } = useSession();
  const sections = [
    ...(mayCall(staff, 'reports.clients') ? (['clients'] as const) : []),
    ...(mayCall(staff, 'complaints.report') ? (['complaints'] as const) : []),
    ...(mayCall(staff, 'events.review') ? (['events'] as const) : []),
    ...(mayCall(staff, 'surveys.report') ? (['surveys'] as const) : []),
  ];
  const [section, setSection] = useState<(typeof sections)[number] | undefined>(sections[0]);
  return (
    <Page title={t('nav.reports')} wide>
      <Stack gap="md">
        {sections.length > 1 && (
          <SegmentedControl
            className="bd-no-print"
            data-testid="report-sections"
            value={section}
            onChange={(value) => setSection(value)}
            data={sections.map((s) => ({ value: s, label: t(`reports.section.${s}`) }))}
            w="fit-content"
          />
        )}
        {section === undefined ? (
          <Text c="dimmed" data-testid="reports-none">
            {t('reports.none')}
          </Text>
        ) : section === 'clients' ? (
          <ClientsReportSection />
        ) : section === 'complaints' ? (
          <ComplaintsReportSection />
        ) : section === 'events' ? (
          <EventsReportSection />
        ) : (
          <SurveysReportSection />
        )}
      </Stack>
    </Page>
  );
}
