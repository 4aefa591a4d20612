// Course material's ways into the playground: the "Open in Playground" link under a ```zigzag block in
// the Markdown preview (see markdownBlocks.ts for why it names a `*.zigzag-block` file), and the button
// under a notebook output (renderer messaging). Both load the scenario into the shared playground panel.
import * as vscode from 'vscode';
import { l10n } from 'vscode';
import { parseRendererMessage } from '../shared/embedScenario';
import type MarkdownIt from 'markdown-it';
import { fenceTextAt, parseBlockLink } from './markdownBlocks';

const BLOCK_LINK_VIEW_TYPE = 'zigzag.markdownBlock';
const NOTEBOOK_RENDERER_ID = 'zigzag.scenarioRenderer';

export interface CourseMaterialContext {
  /** Shows the playground panel and loads the scenario text into it; throws a message naming the source. */
  readonly openInPlayground: (text: string, source: string) => Promise<void>;
  /** Shows a failure the way commands do. */
  readonly report: (message: string) => void;
  readonly log: vscode.LogOutputChannel;
  /** The markdown-it of VS Code's Markdown preview, once it has loaded our plugin (extendMarkdownIt). */
  readonly markdownParser: () => MarkdownIt | undefined;
}

/** The preview's markdown-it: it has our plugin once the Markdown extension has built its engine. */
async function previewParser(ctx: CourseMaterialContext, document: vscode.TextDocument): Promise<MarkdownIt> {
  // A link is clicked in a rendered preview, so the engine is there; a link opened otherwise has it built.
  if (!ctx.markdownParser()) await vscode.commands.executeCommand('markdown.api.render', document);
  const md = ctx.markdownParser();
  if (!md) throw new Error(l10n.t("VS Code's Markdown preview is not available to read the block"));
  return md;
}

/** The block a link points at, read from the Markdown document as it is now (saved or not). */
async function blockOfLink(ctx: CourseMaterialContext, uri: vscode.Uri): Promise<{ text: string; source: string }> {
  const link = parseBlockLink(uri.path);
  if (!link) throw new Error(l10n.t('{0} is not a link to a zigzag block', uri.path));
  const markdown = uri.with({ path: link.markdownPath, query: '', fragment: '' });
  const name = markdown.path.split('/').pop() ?? markdown.path;
  const document = await vscode.workspace.openTextDocument(markdown);
  // The same parser and document as the preview's render: the block is where the preview found it.
  const text = fenceTextAt(await previewParser(ctx, document), document.getText(), link.line, { currentDocument: document.uri });
  if (text === undefined) {
    throw new Error(l10n.t('{0} has no ```zigzag block on line {1} any more: reopen its preview', name, link.line + 1));
  }
  return { text, source: l10n.t('{0}, block on line {1}', name, link.line + 1) };
}

/** The editor behind the links: it opens, hands the block to the playground, and closes itself. */
class BlockLinkEditor implements vscode.CustomReadonlyEditorProvider {
  constructor(private readonly ctx: CourseMaterialContext) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    panel.dispose();
    try {
      const block = await blockOfLink(this.ctx, document.uri);
      await this.ctx.openInPlayground(block.text, block.source);
    } catch (e) {
      this.ctx.report(l10n.t('Open in Playground: {0}', e instanceof Error ? e.message : String(e)));
    }
  }
}

export function registerCourseMaterial(ctx: CourseMaterialContext): vscode.Disposable[] {
  const messaging = vscode.notebooks.createRendererMessaging(NOTEBOOK_RENDERER_ID);
  return [
    vscode.window.registerCustomEditorProvider(BLOCK_LINK_VIEW_TYPE, new BlockLinkEditor(ctx)),
    messaging.onDidReceiveMessage(async ({ message }) => {
      const parsed = parseRendererMessage(message);
      if (!parsed.ok) {
        ctx.log.warn(`Dropped a message from the notebook renderer: ${parsed.error}`);
        return;
      }
      try {
        await ctx.openInPlayground(parsed.value.scenario, l10n.t('the notebook output'));
      } catch (e) {
        ctx.report(l10n.t('Open in Playground: {0}', e instanceof Error ? e.message : String(e)));
      }
    }),
  ];
}
