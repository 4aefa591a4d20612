// Not a module, on purpose: src/tsconfig.pure.json resolves `vscode` here, so an `import … from
// 'vscode'` in src/engine or src/shared fails the type check (TS2306) with this file's name. The
// vscode API belongs to src/host only.
