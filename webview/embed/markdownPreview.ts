// The Markdown preview's script (markdown.previewScripts): the plots' code loaded a part per task
// (loadMount.ts), then the plots (markdownPlots.ts) evaluated in a task of their own, so no task holds
// the page for 50 ms.
import { loadMount, nextTask } from './loadMount';

void loadMount()
  .then(nextTask)
  .then(() => import('./markdownPlots'));
