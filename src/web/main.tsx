import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/nlds.js';
import './styles/index.css';
import { App } from './App.js';
import { initI18n } from './i18n.js';

async function start() {
  await initI18n();
  document.body.classList.add('naast-theme');
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
