import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { withLineBreaks } from "./code-sheet";

/** The parts a printed address may wrap between, and the text a reader copies. */
function printed(link: string) {
  const html = renderToStaticMarkup(<p>{withLineBreaks(link)}</p>);
  const parts = [...html.matchAll(/<span class="app-code-card__part">([^<]*)<\/span>/g)].map(
    (match) => match[1],
  );
  return { parts, breaks: html.split("<wbr/>").length - 1, text: html.replace(/<[^>]+>/g, "") };
}

describe("a code card's address", () => {
  it("wraps only after a slash or a dot, never after a hyphen nor inside the slug", () => {
    // Printed, "https://feedback.shoqata-" ended a line: a reader copying it by hand could drop
    // the hyphen. Each part is kept whole (white-space: nowrap) and breaks go between parts.
    const link = "https://feedback.shoqata-per-mbijetuesit.org.al/f/k3j4h5mn7p";
    const { parts, breaks, text } = printed(link);
    expect(parts).toEqual([
      "https://",
      "feedback.",
      "shoqata-per-mbijetuesit.",
      "org.",
      "al/",
      "f/",
      "k3j4h5mn7p",
    ]);
    expect(breaks).toBe(parts.length - 1);
    expect(text).toBe(link);
  });

  it("keeps a local address with a port whole up to its path", () => {
    expect(printed("http://localhost:3000/f/abc").parts).toEqual([
      "http://",
      "localhost:3000/",
      "f/",
      "abc",
    ]);
  });
});
