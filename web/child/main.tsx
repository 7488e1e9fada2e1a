/** Entry of the children's app. */
import { render } from 'preact';
import { App } from './app.tsx';
import { listenForQuickExit } from './quick-exit.ts';
import './styles.css';

// Before anything renders: the keyboard quick exit works from the first moment, on every screen.
listenForQuickExit();
render(<App />, document.getElementById('app')!);
