import MarkdownIt from "markdown-it";

/**
 * Markdown for minutes (decision 031), rendered on the server only. markdown-it with `html`
 * off: every `<` a person typed is escaped, so no tag, script or event handler they write can
 * reach a page. On top of that, the parser's output is narrowed: images are off (no request to
 * another site from a confidential page), links keep only `https:`, `http:` and `mailto:`
 * targets (a `javascript:`, `data:` or `vbscript:` link stays plain text) and open with
 * `rel="noopener noreferrer"`. Line breaks are kept as typed.
 */
const parser = new MarkdownIt("default", { html: false, linkify: false, breaks: true });
parser.disable(["image"]);

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;
parser.validateLink = (url: string) => SAFE_LINK.test(url.trim());

const renderToken = parser.renderer.renderToken.bind(parser.renderer);
parser.renderer.rules.link_open = (tokens, index, options) => {
  tokens[index]?.attrSet("rel", "noopener noreferrer");
  return renderToken(tokens, index, options);
};

/** The HTML of `markdown` (safe to place in a page as it is), or "" for blank text. */
export function renderMarkdown(markdown: string): string {
  return markdown.trim() === "" ? "" : parser.render(markdown);
}
