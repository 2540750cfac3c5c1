import type { BlockContent, PhrasingContent, Root, RootContent, TableRow } from 'mdast';
import { gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { toMarkdown } from 'mdast-util-to-markdown';
import type { Block, Inline, Outline, TableBlock } from '../outline.js';

/**
 * The outline as CommonMark with GitHub tables, written by mdast-util-to-markdown: it escapes a
 * character only where it would otherwise start markup, so "Montclair-sur-Loire" and "R4 (2008)"
 * stay as they are while "[a link](…)" or "<script>" in a submission stay text. The output is clean
 * under markdownlint with .markdownlint.json (a test checks it).
 */

/**
 * GitHub's heading anchors (what markdownlint's link-fragment rule checks): lower case, punctuation
 * other than "-" and "_" dropped, spaces to hyphens, a repeat numbered.
 */
function anchors(blocks: Block[]): Map<string, string> {
  const seen = new Map<string, number>();
  const byId = new Map<string, string>();
  for (const block of blocks) {
    if (block.kind !== 'heading') continue;
    const base = block.text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    byId.set(block.id, count === 0 ? base : `${base}-${count}`);
  }
  return byId;
}

export function renderMarkdown(outline: Outline): Uint8Array {
  const slugs = anchors(outline.blocks);
  /** An in-report link points at its heading's anchor; one with no heading stays plain text. */
  const link = (href: string | undefined, children: PhrasingContent[]): PhrasingContent[] => {
    const slug = href?.startsWith('#') ? slugs.get(href.slice(1)) : undefined;
    return slug ? [{ type: 'link', url: `#${slug}`, children }] : children;
  };
  const inline = (run: Inline): PhrasingContent[] => {
    if (!run.emphasis && !run.strong) return link(run.href, [{ type: 'text', value: run.text }]);
    // Spaces stay outside the markers: "**Date:** 6 April", not "**Date:&#x20;**&#x36; April".
    const [, before = '', core = '', after = ''] = run.text.match(/^(\s*)([\s\S]*?)(\s*)$/) ?? [];
    let node: PhrasingContent = { type: 'text', value: core };
    if (run.emphasis) node = { type: 'emphasis', children: [node] };
    if (run.strong) node = { type: 'strong', children: [node] };
    const space = (value: string): PhrasingContent[] => (value ? [{ type: 'text', value }] : []);
    return [...space(before), ...link(run.href, [node]), ...space(after)];
  };
  const paragraph = (runs: Inline[]): BlockContent => ({ type: 'paragraph', children: runs.flatMap(inline) });
  const table = (t: TableBlock): RootContent[] => {
    const row = (cells: PhrasingContent[][]): TableRow => ({
      type: 'tableRow',
      children: cells.map((children) => ({ type: 'tableCell', children })),
    });
    return [
      // Plain: a paragraph of bold or italics alone reads as a heading to markdownlint (MD036).
      ...(t.captionHidden ? [] : [paragraph([{ text: t.caption }])]),
      {
        type: 'table',
        align: t.align,
        children: [
          row(t.head.map((h) => [{ type: 'text', value: h }])),
          ...t.rows.map((cells) => row(cells.map((c) => link(c.href, [{ type: 'text', value: c.text }])))),
        ],
      },
    ];
  };

  const convert = (block: Block): RootContent[] => {
    switch (block.kind) {
      case 'heading':
        return [{ type: 'heading', depth: block.level, children: [{ type: 'text', value: block.text }] }];
      case 'paragraph':
        return [paragraph(block.runs)];
      case 'table':
        return table(block);
      case 'chart':
        return [paragraph([{ text: block.caption }]), ...table(block.table)];
      case 'quote':
        return [
          {
            type: 'blockquote',
            children: [
              paragraph([{ text: `“${block.text}”` }]),
              paragraph([
                { text: `— ${block.attribution}` },
                ...(block.languageNote ? [{ text: ` (${block.languageNote})` }] : []),
              ]),
            ],
          },
        ];
      case 'list':
        return [
          {
            type: 'list',
            ordered: false,
            spread: false,
            children: block.items.map((item) => ({
              type: 'listItem',
              spread: false,
              children: [paragraph(item)],
            })),
          },
        ];
      case 'toc':
        return [
          { type: 'heading', depth: 2, children: [{ type: 'text', value: block.title }] },
          {
            type: 'list',
            ordered: true,
            spread: false,
            children: block.entries.map((entry) => ({
              type: 'listItem',
              spread: false,
              children: [paragraph([{ text: entry.text, href: `#${entry.id}` }])],
            })),
          },
        ];
    }
  };

  const tree: Root = { type: 'root', children: outline.blocks.flatMap(convert) };
  const text = toMarkdown(tree, {
    extensions: [gfmTableToMarkdown()],
    bullet: '-',
    emphasis: '_',
    rule: '-',
  });
  return new TextEncoder().encode(text);
}
