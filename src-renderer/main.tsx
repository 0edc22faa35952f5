import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import './print.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useMemo, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { createQueryClient } from './api/query';
import { keepAuditLogFresh } from './audit/hooks';
import { AuthGate } from './auth/AuthGate';
import { reactToSessionError } from './auth/hooks';
import { I18nProvider, useI18n } from './i18n/I18nProvider';
import { AppLayout } from './shell/AppLayout';
import { themeFor } from './shell/theme';

const queryClient = createQueryClient((error) => reactToSessionError(queryClient, error));
keepAuditLogFresh(queryClient);

function ThemedByLanguage({ children }: { children: ReactNode }) {
  const { language } = useI18n();
  const theme = useMemo(() => themeFor(language), [language]);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="bottom-right" />
      {children}
    </MantineProvider>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');

createRoot(container).render(
  <StrictMode>
    <I18nProvider>
      <ThemedByLanguage>
        <QueryClientProvider client={queryClient}>
          <AuthGate>
            <AppLayout />
          </AuthGate>
        </QueryClientProvider>
      </ThemedByLanguage>
    </I18nProvider>
  </StrictMode>,
);
