// Stylesheets are bundled by esbuild into dist/webview/main.css; importing one has no value.
declare module '*.css';
