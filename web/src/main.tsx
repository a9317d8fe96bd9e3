import { render } from 'preact';
import { App } from './app.tsx';
import './styles.css';

const root = document.getElementById('app');
// Server mode (many sellers behind sign-in) marks the page; its shell loads only there.
if (root && document.body.dataset.mode === 'agency')
  void import('./agency/shell.tsx').then(({ AgencyApp }) => render(<AgencyApp />, root));
else if (root) render(<App />, root);
