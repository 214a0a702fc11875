import { describe, expect, it } from "vitest";

import { redactPhrases, splitPhrases } from "./redaction";

const markers = { name: "name", place: "place", date: "date" };

describe("redaction", () => {
  it("replaces every occurrence of a name, place or date with a marker", () => {
    const text = "Arta më priti në Shkodër më 12.03.2024. Arta ishte e sjellshme.";
    const out = redactPhrases(
      text,
      [
        { phrase: "arta", kind: "name" },
        { phrase: "Shkoder", kind: "place" },
        { phrase: "12.03.2024", kind: "date" },
      ],
      markers,
    );
    expect(out).toBe("[name] më priti në [place] më [date]. [name] ishte e sjellshme.");
  });

  it("hides longer phrases whole before shorter ones", () => {
    expect(
      redactPhrases(
        "Tirana e Re dhe Tirana",
        [
          { phrase: "Tirana", kind: "place" },
          { phrase: "Tirana e Re", kind: "place" },
        ],
        markers,
      ),
    ).toBe("[place] dhe [place]");
  });

  it("leaves text alone when there is nothing to hide, and ignores empty phrases", () => {
    expect(redactPhrases("Më ndihmuan shumë.", [{ phrase: " ", kind: "name" }], markers)).toBe(
      "Më ndihmuan shumë.",
    );
  });

  it("splits a list typed with commas, semicolons or new lines", () => {
    expect(splitPhrases("Arta, Besa;\n Tirana ,")).toEqual(["Arta", "Besa", "Tirana"]);
  });
});
