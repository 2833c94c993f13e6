/**
 * The GitHub extensions FORMAT.md promises (tables, task lists, footnotes,
 * strikethrough) and no more. remark-gfm would add bare-URL autolinking,
 * which FORMAT.md does not promise and which costs about 40% of the parse
 * (issue 8): `www.example.org` stays text; write `<https://…>` or
 * `[text](https://…)` for a link.
 */
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import type { Processor } from 'unified';

/** Add the promised syntax to the parser, as remark-gfm does for all of GFM. */
export default function remarkGfmPromised(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmTaskListItem(), gfmFootnote(), gfmStrikethrough());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown(), gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown());
}
