// Webview entry: restore UI state, render the playground into #root. The App posts 'ready' once it
// listens, and the host answers with the current run.
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { render } from 'preact';
import type { ViewKind } from '../src/shared/protocol';
import { App } from './App';
import { hostChannel } from './vscodeApi';

const VIEWS: readonly ViewKind[] = ['panel', 'sidebar', 'file'];
const view = VIEWS.find((v) => v === document.body.dataset.view) ?? 'panel';
const root = document.getElementById('root');
if (root) render(<App view={view} initial={hostChannel().loadState()} />, root);
