import { describe, expect, it } from "vitest";

import { renderMarkdown } from "./markdown.server";

describe("Markdown in minutes", () => {
  it("renders emphasis, lists and safe links", () => {
    const html = renderMarkdown(
      "**Vendim:** miratohet\n\n- një\n- dy\n\n[ligji](https://qbz.gov.al)",
    );
    expect(html).toContain("<strong>Vendim:</strong>");
    expect(html).toContain("<li>një</li>");
    expect(html).toContain('<a href="https://qbz.gov.al" rel="noopener noreferrer">ligji</a>');
  });

  it("never lets a script tag through: it is shown as text", () => {
    const html = renderMarkdown('<script>alert("x")</script>');
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;");
  });

  it("never lets an event handler through", () => {
    const html = renderMarkdown('<img src="x" onerror="alert(1)"> <b onclick="x()">b</b>');
    expect(html).not.toMatch(/<img|<b /);
    expect(html).not.toMatch(/<[^>]+onerror/i);
    expect(html).not.toMatch(/<[^>]+onclick/i);
  });

  it("drops javascript:, data: and vbscript: link targets", () => {
    for (const target of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
    ]) {
      const html = renderMarkdown(`[click](${target}) <${target}>`);
      expect(html, target).not.toContain("<a");
      expect(html, target).not.toMatch(/href=/i);
    }
  });

  it("shows no image, so a page makes no request elsewhere", () => {
    expect(renderMarkdown("![x](https://tracker.example/p.png)")).not.toContain("<img");
  });

  it("gives nothing for blank text", () => {
    expect(renderMarkdown("  \n ")).toBe("");
  });
});
