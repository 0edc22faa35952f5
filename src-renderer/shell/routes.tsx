import type { ComponentType } from 'react';
import { ClientsPage } from '../clients/ClientsPage';
import { ClientProfilePage } from '../clients/profile/ClientProfilePage';
import { ComplaintDetail } from '../complaints/ComplaintDetail';
import { ComplaintsPage } from '../complaints/ComplaintsPage';
import { EventDetail } from '../events/EventDetail';
import { EventsPage } from '../events/EventsPage';
import { HomePage } from '../home/HomePage';
import type { TranslationKey } from '../i18n/dictionary';
import { ReportsPage } from '../reports/ReportsPage';
import { SettingsPage } from '../settings/SettingsPage';
import { SurveyDetail, SurveysPage } from '../surveys/SurveysPage';
import { SyncPage } from '../sync/SyncPage';
import { WorklistPage } from '../worklist/WorklistPage';
import type { Route } from './router';

/**
 * Each place of the app: its navbar label, its page, and the page of one of its records (`#/<route>/<id>`) where
 * it has one. Adding a capability adds a line here.
 */
export const PAGES: Record<Route, { label: TranslationKey; Page: ComponentType; Detail?: ComponentType<{ id: string }> }> = {
  home: { label: 'nav.home', Page: HomePage },
  clients: { label: 'nav.clients', Page: ClientsPage, Detail: ClientProfilePage },
  worklist: { label: 'nav.worklist', Page: WorklistPage },
  complaints: { label: 'nav.complaints', Page: ComplaintsPage, Detail: ComplaintDetail },
  events: { label: 'nav.events', Page: EventsPage, Detail: EventDetail },
  surveys: { label: 'nav.surveys', Page: SurveysPage, Detail: SurveyDetail },
  reports: { label: 'nav.reports', Page: ReportsPage },
  sync: { label: 'nav.sync', Page: SyncPage },
  settings: { label: 'nav.settings', Page: SettingsPage },
};
