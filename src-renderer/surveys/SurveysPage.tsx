import { SegmentedControl, Stack } from '@mantine/core';
import { useT } from '../i18n/I18nProvider';
import { Page } from '../shell/Page';
import { useHash } from '../shell/router';
import { entryHref, hashParams } from './links';
import { ResponsesTab } from './ResponsesTab';
import { SurveyEntry } from './SurveyEntry';
import { TemplatePage, NewTemplatePage } from './TemplatePage';
import { TemplatesTab } from './TemplatesTab';
import type { SurveyOccasion } from '../../src-shared/domain/surveys';
import { SURVEY_OCCASIONS } from '../../src-shared/domain/surveys';

const TABS = ['enter', 'answers', 'templates'] as const;
type Tab = (typeof TABS)[number];

/**
 * Surveys (DOMAIN.md §7): entering answers (`#/surveys/enter?…`, filled in when opened from the worklist, a case or an
 * event), the answers given (`#/surveys/answers?…`, filtered when opened from a report's figure) and the templates.
 */
export function SurveysPage() {
  return <SurveysTabs tab="enter" />;
}

/** `#/surveys/<tab>` is a tab of the page; `#/surveys/template-new` a new template; anything else one template. */
export function SurveyDetail({ id }: { id: string }) {
  if ((TABS as readonly string[]).includes(id)) return <SurveysTabs tab={id as Tab} />;
  if (id === 'template-new') return <NewTemplatePage />;
  return <TemplatePage id={id} />;
}

function SurveysTabs({ tab }: { tab: Tab }) {
  const t = useT();
  const hash = useHash();
  const params = hashParams(hash);
  const occasion = params.get('occasion');
  return (
    <Page title={t('nav.surveys')} wide>
      <Stack gap="md">
        <SegmentedControl
          data-testid="survey-tabs"
          value={tab}
          onChange={(value) => {
            window.location.hash = value === 'enter' ? entryHref({}) : `#/surveys/${value}`;
          }}
          data={TABS.map((x) => ({ value: x, label: t(`surveys.tab.${x}`) }))}
          w="fit-content"
        />
        {tab === 'enter' ? (
          <SurveyEntry
            key={hash}
            start={{
              occasion: occasion && (SURVEY_OCCASIONS as readonly string[]).includes(occasion) ? (occasion as SurveyOccasion) : null,
              templateId: params.get('template'),
              clientId: params.get('client'),
              eventId: params.get('event'),
              complaintId: params.get('complaint'),
            }}
          />
        ) : tab === 'answers' ? (
          <ResponsesTab key={hash} params={params} />
        ) : (
          <TemplatesTab />
        )}
      </Stack>
    </Page>
  );
}
