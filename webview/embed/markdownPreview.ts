// The Markdown preview's script (markdown.previewScripts). A page's first Intl formatter loads ICU's data
// (uPlot makes formatters as it loads; docs/architecture.md): it gets a task of its own, and the plots'
// code (markdownPlots.ts) is evaluated in the next, so neither holds the page for 50 ms.
new Intl.NumberFormat(navigator.language).format(0);
setTimeout(() => void import('./markdownPlots'), 0);
