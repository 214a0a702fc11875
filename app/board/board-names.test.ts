import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";

import { boardName } from "./board-name";
import { boardNameIn, createBoard, getBoard, listBoards, updateBoard } from "./boards.server";
import { insertCall } from "./calls.server";
import { makeSecretariat } from "./membership-test-helpers";
import { getIdentityDb } from "../../db/identity-store";
import { csrfTokenForSession } from "../auth/csrf.server";
import { createSession, serializeSessionCookie } from "../auth/sessions.server";
import { migrateAll } from "../platform/startup.server";
import * as callRoute from "../routes/($lang)._public.bord.$callId._index";
import * as boardsRoute from "../routes/($lang).staff.board._index";

/** A board's name in Albanian and in English: stored, read, shown in each language. */
const db = () => getIdentityDb();
const areas = {
  areas: ["legal_policy" as const],
  areasOther: "",
  residenceRule: "citizen" as const,
};
const tag = crypto.randomUUID().slice(0, 8);

beforeAll(async () => {
  await migrateAll();
});

describe("a board's two names", () => {
  it("are stored and read back; without an English name the column holds an empty text", async () => {
    const both = await createBoard(
      { name: `Bordi i Vlorës ${tag}`, nameEn: `Vlora board ${tag}`, ...areas },
      null,
    );
    const albanianOnly = await createBoard({ name: `Bordi i Korçës ${tag}`, ...areas }, null);
    expect(await getBoard(both.id)).toMatchObject({
      name: `Bordi i Vlorës ${tag}`,
      nameEn: `Vlora board ${tag}`,
    });
    expect(await getBoard(albanianOnly.id)).toMatchObject({
      name: `Bordi i Korçës ${tag}`,
      nameEn: "",
    });
    expect(
      await updateBoard(both.id, {
        name: `Bordi i Vlorës ${tag}`,
        nameEn: "",
        ...areas,
        mandateMonths: 24,
      }),
    ).toBe(true);
    expect((await getBoard(both.id))?.nameEn).toBe("");
    await updateBoard(albanianOnly.id, {
      name: `Bordi i Korçës ${tag}`,
      nameEn: `Korça board ${tag}`,
      ...areas,
      mandateMonths: 24,
    });
    expect((await getBoard(albanianOnly.id))?.nameEn).toBe(`Korça board ${tag}`);
  });

  it("show the English name in English, else the Albanian one, in code and in SQL alike", async () => {
    const named = await createBoard(
      { name: `Bordi A ${tag}`, nameEn: `Board A ${tag}`, ...areas },
      null,
    );
    const unnamed = await createBoard({ name: `Bordi B ${tag}`, ...areas }, null);
    const shown = async (lang: "sq" | "en") =>
      db()
        .selectFrom("boards")
        .select((eb) => ["boards.id", boardNameIn(lang)(eb).as("shown")])
        .where("boards.id", "in", [named.id, unnamed.id])
        .orderBy("boards.name")
        .execute();
    expect((await shown("sq")).map((row) => row.shown)).toEqual([
      `Bordi A ${tag}`,
      `Bordi B ${tag}`,
    ]);
    expect((await shown("en")).map((row) => row.shown)).toEqual([
      `Board A ${tag}`,
      `Bordi B ${tag}`,
    ]);
    expect(boardName(named, "sq")).toBe(`Bordi A ${tag}`);
    expect(boardName(named, "en")).toBe(`Board A ${tag}`);
    expect(boardName(unnamed, "en")).toBe(`Bordi B ${tag}`);
    expect(boardName({ name: "Bordi", nameEn: "   " }, "en")).toBe("Bordi");
  });

  it("are listed by the name in the page's language, in Albanian order", async () => {
    const ids = new Set(
      await Promise.all(
        [
          { name: `Bordi i Çerrikut ${tag}`, nameEn: `Zeta board ${tag}` },
          { name: `Bordi i Vlorës ${tag}x`, nameEn: `Alpha board ${tag}` },
          { name: `Bordi i Dibrës ${tag}` },
        ].map(async (names) => (await createBoard({ ...names, ...areas }, null)).id),
      ),
    );
    const order = async (lang: "sq" | "en") =>
      (await listBoards(db(), lang))
        .filter((board) => ids.has(board.id))
        .map((board) => boardName(board, lang));
    // Albanian: "ç" after every "c", before "d".
    expect(await order("sq")).toEqual([
      `Bordi i Çerrikut ${tag}`,
      `Bordi i Dibrës ${tag}`,
      `Bordi i Vlorës ${tag}x`,
    ]);
    expect(await order("en")).toEqual([
      `Alpha board ${tag}`,
      `Bordi i Dibrës ${tag}`,
      `Zeta board ${tag}`,
    ]);
  });
});

describe("the public call page", () => {
  it("names the board in English under /en, in Albanian without a prefix", async () => {
    const board = await createBoard(
      { name: `Bordi Këshillimor ${tag}`, nameEn: `Advisory Board ${tag}`, ...areas },
      null,
    );
    const call = await insertCall(
      { boardId: board.id, opensOn: "2026-01-01", closesOn: "2099-12-31", blindMode: true },
      null,
    );
    const load = async (path: string) =>
      (await callRoute.loader({
        request: new Request(`http://localhost${path}`),
        params: { callId: call.id, ...(path.startsWith("/en/") ? { lang: "en" } : {}) },
        context: { cspNonce: "" },
      } as LoaderFunctionArgs)) as { board: { name: string } };
    expect((await load(`/en/bord/${call.id}`)).board.name).toBe(`Advisory Board ${tag}`);
    expect((await load(`/bord/${call.id}`)).board.name).toBe(`Bordi Këshillimor ${tag}`);
  });
});

describe("the board form", () => {
  it("answers a too long English name with a 400, every value kept and nothing written", async () => {
    const staff = await makeSecretariat(db());
    const session = await createSession(staff.id);
    const cookie = (await serializeSessionCookie(session.token)).split(";")[0]!;
    const before = (await db().selectFrom("boards").select("id").execute()).length;
    const body = new URLSearchParams([
      ["csrf", csrfTokenForSession(session.idHash)],
      ["name", `Bordi i ri ${tag}`],
      ["nameEn", "N".repeat(201)],
      ["areas", "legal_policy"],
      ["areasOther", ""],
      ["residenceRule", "citizen"],
      ["mandateMonths", "24"],
    ]);
    const result = (await boardsRoute.action({
      request: new Request("http://localhost/en/staff/board", {
        method: "POST",
        headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
        body: body.toString(),
      }),
      params: { lang: "en" },
      context: { cspNonce: "" },
    } as ActionFunctionArgs)) as {
      init?: { status?: number };
      data?: { values?: Record<string, unknown>; errors?: Record<string, string> };
    };
    expect(result.init?.status).toBe(400);
    expect(result.data?.errors).toEqual({ nameEn: "board:errors.name_en_too_long" });
    expect(result.data?.values).toMatchObject({
      name: `Bordi i ri ${tag}`,
      nameEn: "N".repeat(201),
      mandateMonths: "24",
    });
    expect((await db().selectFrom("boards").select("id").execute()).length).toBe(before);
  });
});
