import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHost } from './api/host';
import { App } from './components/App';
import { createStore } from './store';
import { StoreContext } from './store/context';
import { syncStore } from './store/sync';
import './styles/base.css';
import './styles/layout.css';
import './styles/empty.css';
import './styles/queue.css';
import './styles/inspector.css';
import './styles/job.css';
import './styles/preview.css';
import './styles/pages.css';
import './styles/presets.css';
import './styles/hardware.css';
import './styles/diagnostics.css';
import './styles/farm.css';
import './styles/watch.css';
import './styles/chart.css';

const store = createStore(createHost());
syncStore(store);

const root = document.getElementById('root');
if (root === null) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
