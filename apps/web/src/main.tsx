// First: sets Zod up for the CSP before any schema (contracts, api-client) is created.
import './lib/zod-csp.ts';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(<App />);
