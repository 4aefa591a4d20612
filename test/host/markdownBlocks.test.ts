import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { blockLinkHref, fenceTextAt, parseBlockLink, zigzagBlocks } from '../../src/host/markdownBlocks';

const render = (markdown: string, path = '/course/EXERCISES.md'): string =>
  zigzagBlocks(new MarkdownIt()).render(markdown, { currentDocument: { path } });

/** The text a browser would show for an HTML fragment's first <code class="zigzag-embed-json">. */
function codeText(html: string): string {
  const m = /<code class="zigzag-embed-json">([\s\S]*?)<\/code>/.exec(html);
  assert.ok(m, html);
  return m[1]
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

describe('```zigzag blocks in Markdown', () => {
  it('renders a block as a plot container holding its JSON as text, with a link to the playground', () => {
    const html = render('# Sheet\n\n```zigzag\n{ "steps": 60 }\n```\n');
    assert.match(html, /^<h1>Sheet<\/h1>\n<div class="zigzag-embed">/);
    assert.equal(codeText(html), '{ "steps": 60 }\n');
    assert.match(html, /<a class="zigzag-embed-open" href="\.\/EXERCISES\.md\.L3\.zigzag-block" [^>]*>Open in Playground<\/a>/);
  });

  it('leaves every other fence to markdown-it', () => {
    const md = '```json\n{ "a": 1 }\n```\n\n```\nplain\n```\n';
    assert.equal(render(md), new MarkdownIt().render(md));
  });

  it('keeps the attributes the preview adds for scroll sync', () => {
    const md = new MarkdownIt();
    md.core.ruler.push('lines', (state) => {
      for (const t of state.tokens) if (t.map) t.attrSet('data-line', String(t.map[0]));
    });
    const html = zigzagBlocks(md).render('text\n\n```zigzag\n{}\n```\n', { currentDocument: { path: '/a.md' } });
    assert.match(html, /<div data-line="2" class="zigzag-embed">/);
  });

  it('escapes everything: markup, quotes and a closing </code> in the block stay text', () => {
    const hostile =
      '{ "inputs": { "distribution": "</code></pre><script>alert(1)</script><img src=x onerror=alert(2)>" }, "x": "\\"&amp;" }\n';
    const html = render('```zigzag\n' + hostile + '```\n');
    assert.doesNotMatch(html, /<script|<img|<\/code><\/pre><script/);
    assert.equal(codeText(html), hostile);
    // A document name that could break out of the attribute is encoded.
    const odd = render('```zigzag\n{}\n```\n', '/c/"><img src=x onerror=alert(1)>.md');
    assert.doesNotMatch(odd, /<img/);
    assert.match(odd, /href="\.\/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert\(1\)%3E\.md\.L1\.zigzag-block"/);
  });

  it('without a document (another renderer) the block renders without a link', () => {
    const html = zigzagBlocks(new MarkdownIt()).render('```zigzag\n{}\n```\n');
    assert.doesNotMatch(html, /zigzag-embed-open/);
    assert.match(html, /zigzag-embed-json/);
  });

  it('link targets round-trip to the Markdown file and the block line', () => {
    const href = blockLinkHref('/course/My Sheet.md', 11);
    assert.equal(href, './My%20Sheet.md.L12.zigzag-block');
    assert.deepEqual(parseBlockLink('/course/My Sheet.md.L12.zigzag-block'), { markdownPath: '/course/My Sheet.md', line: 11 });
    assert.equal(parseBlockLink('/course/x.md.L0.zigzag-block'), undefined);
    assert.equal(parseBlockLink('/course/x.zigzag.json'), undefined);
  });

  it('finds the block at a line as markdown-it reads it (indent, tildes, longer fences, unclosed)', () => {
    const md = zigzagBlocks(new MarkdownIt());
    const text = [
      '# T',
      '',
      '```zigzag',
      '{ "steps": 5 }',
      '```',
      '',
      '  ~~~~ zigzag extra',
      '  { "a":',
      '    1 }',
      '  ~~~~',
      '```zigzag',
      '{',
    ].join('\n');
    assert.equal(fenceTextAt(md, text, 2), '{ "steps": 5 }\n');
    assert.equal(fenceTextAt(md, text, 6), '{ "a":\n  1 }\n');
    assert.equal(fenceTextAt(md, text, 10), '{');
    assert.equal(fenceTextAt(md, text, 0), undefined);
    assert.equal(fenceTextAt(md, text, 3), undefined);
    assert.equal(fenceTextAt(md, '```json\n{}\n```', 0), undefined);
    // Not a fence: four spaces of indentation make an indented code block.
    assert.equal(fenceTextAt(md, '    ```zigzag\n    {}\n    ```\n', 0), undefined);
  });

  it('finds blocks inside blockquotes, list items and nestings of them, as the preview shows them', () => {
    const md = zigzagBlocks(new MarkdownIt());
    const sheet = [
      '> A quoted exercise:',
      '>',
      '> ```zigzag',
      '> { "steps": 1 }',
      '> ```',
      '',
      '1. First step',
      '',
      '   ```zigzag',
      '   { "steps": 2,',
      '     "seed": 3 }',
      '   ```',
      '',
      '- A list',
      '  - nested deeper',
      '',
      '    ~~~zigzag',
      '    { "steps": 4 }',
      '    ~~~',
      '',
      '> - quoted list',
      '>',
      '>   ```zigzag',
      '>   { "steps": 5 }',
      '>   ```',
      '',
      '- > a quote in a list',
      '  >',
      '  > ```zigzag',
      '  > { "steps": 6 }',
      '  > ```',
      '',
      '>> ```zigzag',
      '>> { "steps": 7 }',
      '>> ```',
    ].join('\r\n');
    const html = md.render(sheet, { currentDocument: { path: '/course/sheet.md' } });
    // Every plot block the preview shows, its link's line and the text it shows.
    const blocks = [
      ...html.matchAll(
        /<code class="zigzag-embed-json">([^<]*)<\/code><\/pre><\/details><p class="zigzag-embed-links"><a [^>]*href="([^"]*)"/g,
      ),
    ];
    assert.equal(blocks.length, 6, html);
    const shown = blocks.map(([, code, href]) => {
      const link = parseBlockLink(`/course/${decodeURIComponent(href.slice(2))}`);
      assert.ok(link, href);
      return { line: link.line, text: codeText(`<code class="zigzag-embed-json">${code}</code>`) };
    });
    assert.deepEqual(
      shown.map((b) => b.line),
      [2, 8, 16, 22, 28, 32],
    );
    for (const { line, text } of shown) assert.equal(fenceTextAt(md, sheet, line), text, `block on line ${line + 1}`);
    assert.equal(fenceTextAt(md, sheet, 8), '{ "steps": 2,\n  "seed": 3 }\n');
    assert.equal(fenceTextAt(md, sheet, 28), '{ "steps": 6 }\n');
  });
});
