import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { initI18n } from './i18n';
import { App } from './App';
import { ErrorBoundary } from './ui/ErrorBoundary';

// Marks read by e2e/bench to split the canvas open time.
performance.mark('braid:start');
initI18n();

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
