import { SegmentedControl, Stack } from '@mantine/core';
import { useState } from 'react';
import { useSession } from '../auth/hooks';
import { mayCall } from '../auth/access';
import { useT } from '../i18n/I18nProvider';
import { LaterRelease } from '../shell/LaterRelease';
import { Page } from '../shell/Page';
import { ComplaintsReportSection } from './ComplaintsReport';
import { EventsReportSection } from './EventsReport';
import { SurveysReportSection } from './SurveysReport';

/**
 * The Reports screen: one section per capability, each computed in main from the store: complaints, events and
 * surveys so far; clients and contact coverage join with issue 13, and say so plainly until then.
 */
export function ReportsPage() {
  const t = useT();
  const { staff } = useSession();
  const sections = [
    ...(mayCall(staff, 'complaints.report') ? (['complaints'] as const) : []),
    ...(mayCall(staff, 'events.review') ? (['events'] as const) : []),
    ...(mayCall(staff, 'surveys.report') ? (['surveys'] as const) : []),
    'clients' as const,
  ];
  const [section, setSection] = useState<(typeof sections)[number]>(sections[0]!);
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
        {section === 'complaints' ? (
          <ComplaintsReportSection />
        ) : section === 'events' ? (
          <EventsReportSection />
        ) : section === 'surveys' ? (
          <SurveysReportSection />
        ) : (
          <LaterRelease feature={t('reports.section.clients')} />
        )}
      </Stack>
    </Page>
  );
}
