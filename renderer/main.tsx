import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { captureTokenFromUrl } from './api/client';
import { App } from './app/App';
import { loadCatalogue } from './i18n/catalogue';
import { initialLanguage } from './i18n/I18nProvider';
import './styles.css';

captureTokenFromUrl();
// The first screen's messages of the language in use, and of it only, before the first screen.
await loadCatalogue(initialLanguage());

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
