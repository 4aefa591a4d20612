// ```zigzag blocks in Markdown: the markdown-it plugin VS Code's Markdown preview loads through
// `markdown.markdownItPlugins`, and the "Open in Playground" links it writes. The block's text is data:
// it goes into the page only HTML-escaped, as the text of a <code> element, from which the preview
// script (webview/embed/markdownPreview.ts) reads it back with textContent and draws the plot.
//
// The link: the preview hands a click on a scheme-less link to the Markdown extension, which resolves it
// next to the document and opens it with `vscode.open` (command: links are refused there, and vscode:
// links do not reach extensions in code-server). So the link names a file that does not exist,
// `<document>.L<line>.zigzag-block` (the line is the fence token's own, token.map), and the extension's
// `zigzag.markdownBlock` editor, registered for that pattern, has the preview's own markdown-it find the
// block at that line of the document and loads it into the playground.
// Pure: no vscode import.
import type MarkdownIt from 'markdown-it';

const FENCE_LANGUAGE = 'zigzag';
/** The extension of the link target, matched by the custom editor's filenamePattern `*.zigzag-block`. */
const BLOCK_LINK_EXTENSION = '.zigzag-block';

type FenceRule = NonNullable<MarkdownIt['renderer']['rules']['fence']>;

const languageOf = (info: string): string => info.trim().split(/\s+/)[0]?.toLowerCase() ?? '';

/** A relative link from a Markdown file to the block starting on `line` (0-based) of that file. */
export function blockLinkHref(markdownPath: string, line: number): string {
  const name = markdownPath.split('/').pop() ?? '';
  return `./${encodeURIComponent(`${name}.L${line + 1}${BLOCK_LINK_EXTENSION}`)}`;
}

/** The Markdown file's path and the block's line (0-based) behind a link target's path, or undefined. */
export function parseBlockLink(path: string): { readonly markdownPath: string; readonly line: number } | undefined {
  const m = /^(.*)\.L(\d{1,9})\.zigzag-block$/.exec(path);
  if (!m || Number(m[2]) < 1) return undefined;
  return { markdownPath: m[1], line: Number(m[2]) - 1 };
}

/**
 * The text of the ```zigzag (or ~~~zigzag) block that opens on `line` (0-based) of a Markdown text, found
 * by markdown-it itself: its tokens' own positions (token.map), so a block inside a blockquote, a list
 * item or any nesting of them is found as the preview rendered it, with the container's markers and
 * indentation removed as markdown-it removes them. `md` is the parser that rendered the preview (VS
 * Code's, with its plugins) and `env` what a render passes it. Undefined when no zigzag fence opens
 * there (the file changed since it was shown).
 */
export function fenceTextAt(md: MarkdownIt, markdown: string, line: number, env: object = {}): string | undefined {
  const fence = md.parse(markdown, env).find((t) => t.type === 'fence' && t.map?.[0] === line && languageOf(t.info) === FENCE_LANGUAGE);
  return fence?.content;
}

interface RenderEnv {
  /** The document being rendered (VS Code's Markdown preview passes its Uri). */
  readonly currentDocument?: { readonly path: string };
}

/** The markdown-it plugin: ```zigzag fences become plot blocks; every other fence renders as before. */
export function zigzagBlocks(md: MarkdownIt): MarkdownIt {
  const fallback: FenceRule = md.renderer.rules.fence ?? ((tokens, idx, options, env, self) => self.renderToken(tokens, idx, options));
  const escape = md.utils.escapeHtml;
  md.renderer.rules.fence = (tokens, idx, options, env: RenderEnv, self) => {
    const token = tokens[idx];
    if (languageOf(token.info) !== FENCE_LANGUAGE) return fallback(tokens, idx, options, env, self);
    // The preview's own attributes (code-line, data-line: scroll sync) stay on the block.
    token.attrJoin('class', 'zigzag-embed');
    const document = env?.currentDocument;
    const line = token.map?.[0];
    const link =
      document && line !== undefined
        ? `<p class="zigzag-embed-links"><a class="zigzag-embed-open" href="${escape(blockLinkHref(document.path, line))}" ` +
          `title="Load this scenario into the Zig-Zag Playground">Open in Playground</a></p>`
        : '';
    return (
      `<div${self.renderAttrs(token)}>` +
      `<details class="zigzag-embed-source"><summary>Scenario (JSON)</summary>` +
      `<pre><code class="zigzag-embed-json">${escape(token.content)}</code></pre></details>` +
      `${link}</div>\n`
    );
  };
  return md;
}
