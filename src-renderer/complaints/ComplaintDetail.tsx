import { useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { Page } from '../shell/Page';
import { navigate } from '../shell/router';
import { CasePage } from './CasePage';
import { IntakeForm, type TakenComplaint } from './IntakeForm';
import { Receipt } from './Receipt';

/** `#/complaints/new` takes a complaint (then shows its receipt); `#/complaints/<id>` is one case. */
export function ComplaintDetail({ id }: { id: string }) {
  return id === 'new' ? <NewComplaint /> : <CasePage id={id} />;
}

function NewComplaint() {
  const { t } = useI18n();
  const [taken, setTaken] = useState<TakenComplaint | null>(null);
  return (
    <Page title={taken ? t('complaints.receipt.title') : t('complaints.new')}>
      {taken ? <Receipt taken={taken} onDone={() => navigate('complaints', taken.id)} /> : <IntakeForm onTaken={setTaken} />}
    </Page>
  );
}
