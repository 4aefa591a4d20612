// "Open in Playground" under a ```zigzag block, in the real extension host with VS Code's own Markdown
// extension: the link names the block's line, and the block is found there by the preview's markdown-it,
// also inside blockquotes and list items (issue 17: those were "no block on that line").
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, waitFor, type PlaygroundApi } from './api';

interface FullApi extends PlaygroundApi {
  lastError(): string | undefined;
}

const SHEET = [
  '# Exercises',
  '',
  '> Quoted:',
  '>',
  '> ```zigzag',
  '> { "steps": 31 }',
  '> ```',
  '',
  '1. A step',
  '',
  '   - nested',
  '',
  '     ```zigzag',
  '     { "steps": 32,',
  '       "seed": 5 }',
  '     ```',
  '',
  '- > quote in a list',
  '  >',
  '  > ```zigzag',
  '  > { "steps": 33 }',
  '  > ```',
  '',
].join('\n');

describe('Open in Playground finds its block by the preview’s own parser', function () {
  let api: FullApi;
  let sheet: vscode.Uri;

  before(async function () {
    this.timeout(60_000);
    api = (await activatedApi()) as FullApi;
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'the test VS Code opens a workspace folder');
    sheet = vscode.Uri.joinPath(root, `course-${Date.now()}`, 'sheet.md');
    await vscode.workspace.fs.writeFile(sheet, new TextEncoder().encode(SHEET));
  });

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  /** What a click on the block's link does: VS Code opens the link's file, which the extension reads as that block. */
  const open = (line: number): Thenable<unknown> =>
    vscode.commands.executeCommand('vscode.open', sheet.with({ path: `${sheet.path}.L${line}.zigzag-block` }));

  for (const [line, steps, where] of [
    [5, 31, 'a blockquote'],
    [13, 32, 'a nested list item'],
    [20, 33, 'a blockquote in a list item'],
  ] as const) {
    it(`a block inside ${where}`, async function () {
      this.timeout(30_000);
      await open(line);
      await waitFor(`the playground with the block's ${steps} steps`, () => api.getScenario().steps === steps, 20_000);
    });
  }

  it('a line that holds no block says so, and the playground keeps its scenario', async function () {
    this.timeout(30_000);
    const before = api.getScenario().steps;
    await open(6);
    await waitFor('the message', () => /sheet\.md has no ```zigzag block on line 6 any more/.test(api.lastError() ?? ''));
    assert.equal(api.getScenario().steps, before);
  });
});
