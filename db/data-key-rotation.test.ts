import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { otherUsersOfStore, rotateStoreDataKey } from "./data-key-rotation";
import {
  closeIdentityDb,
  getIdentityDb,
  migrateIdentityStore,
  type IdentityDatabase,
} from "./identity-store";
import { openStore } from "./open-store";
import { closeResponseDb, getResponseDb, migrateResponseStore } from "./response-store";
import { accountEmailLookup } from "../app/auth/account-keys.server";
import { claimKeptInput, keepInput, takeKeptInput } from "../app/auth/kept-input.server";
import { getUserCredentialsByEmail, insertUser } from "../app/auth/users.server";
import {
  eraseExpiredApplications,
  findApplications,
  recordDecision,
  storeApplication,
} from "../app/board/applications.server";
import { createBoard } from "../app/board/boards.server";
import { insertCall } from "../app/board/calls.server";
import { recomputeEmailLookups } from "../app/board/email-lookups.server";
import { openMemberField } from "../app/board/member-data-keys.server";
import { testApplication } from "../app/board/membership-test-helpers";
import {
  closeKeyStore,
  createPersonKey,
  getKeyStore,
  openKeyStore,
  rewrapPersonKeys,
} from "../app/board/person-keys.server";
import { findStayInformed, stayInformedLookup } from "../app/board/stay-informed.server";
import {
  getPublishedResults,
  listFreeText,
  reviewFreeText,
  storeSubmission,
  type Submission,
} from "../app/feedback/responses.server";
import {
  getCurrentDeclaration,
  insertSignature,
  listSignatures,
} from "../app/meetings/declarations.server";
import { getConfig } from "../app/platform/config.server";
import { getOutboxMessage, listOutbox, sendEmail } from "../app/platform/email.server";
import { decryptField, encryptField, unwrapDataKey } from "../app/platform/field-encryption.server";
import { testEngine } from "../tests/unit/test-engine";

const CAMPAIGN = "campaign-rotation";

function submission(text: string): Submission {
  return {
    campaignId: CAMPAIGN,
    templateVersion: 1,
    language: "sq",
    respondentMode: "self",
    period: "2026-11",
    choices: { q1: ["yes"] },
    freeTexts: [{ questionId: "q2", text }],
    answeredQuestionIds: ["q1", "q2"],
  };
}

const oldKey = Buffer.from(getConfig().dataKey);
const newKey = randomBytes(32);

beforeAll(async () => {
  await migrateIdentityStore();
  await migrateResponseStore();
});

afterAll(async () => {
  getConfig().dataKey = oldKey;
  await closeIdentityDb();
  await closeResponseDb();
});

describe(`rotating DATA_KEY (${testEngine})`, () => {
  it("re-encrypts every encrypted field: the old key no longer reads them, the new key reads all", async () => {
    await sendEmail({ to: "a@example.org", subject: "Link", text: "Your reset link: secret-1" });
    const form = new FormData();
    form.set("title", "Notes kept across sign-in");
    const token = await keepInput({ formData: form, path: "/staff/feedback/new", userId: null });
    expect(token).not.toBeNull();
    await storeSubmission(submission("The shelter staff listened to me."));
    await storeSubmission(submission("I needed a lawyer sooner."));
    const pending = await listFreeText(CAMPAIGN, "pending");
    expect(pending).toHaveLength(2);
    expect(
      await reviewFreeText(CAMPAIGN, pending[0]!.id, { approve: true, redacted: "[…] listened" }),
    ).toBe(true);
    const before = await getPublishedResults(CAMPAIGN, 1);
    expect(before.received).toBe(2);
    // On PostgreSQL this one waits, encrypted, in the holding table during the rotation.
    await storeSubmission(submission("A third voice."));

    const identity = await rotateStoreDataKey(getIdentityDb(), "identity", oldKey, newKey);
    const responses = await rotateStoreDataKey(getResponseDb(), "responses", oldKey, newKey);
    const rotated = Object.fromEntries(
      [...identity, ...responses].map((c) => [`${c.table}.${c.column}`, c.rotated]),
    );
    expect(rotated).toMatchObject({
      "outbox.body_encrypted": 1,
      "kept_inputs.values_encrypted": 1,
      "free_text_answers.text_encrypted": testEngine === "postgres" ? 2 : 3,
      "free_text_answers.redacted_encrypted": 1,
      "published_results.publication_encrypted": 1,
      "held_submissions.payload_encrypted": testEngine === "postgres" ? 1 : 0,
    });

    const [outboxRow] = await listOutbox();
    getConfig().dataKey = oldKey;
    await expect(getOutboxMessage(outboxRow!.id)).rejects.toThrow();
    await expect(listFreeText(CAMPAIGN, "approved")).rejects.toThrow();

    getConfig().dataKey = newKey;
    expect((await getOutboxMessage(outboxRow!.id))?.body).toBe("Your reset link: secret-1");
    const texts = [
      ...(await listFreeText(CAMPAIGN, "pending")),
      ...(await listFreeText(CAMPAIGN, "approved")),
    ];
    expect(texts.map((item) => item.text).sort()).toEqual([
      "A third voice.",
      "I needed a lawyer sooner.",
      "The shelter staff listened to me.",
    ]);
    expect(texts.find((item) => item.status === "approved")?.redacted).toBe("[…] listened");
    const after = await getPublishedResults(CAMPAIGN, 1);
    expect(after.received).toBe(3);
    await claimKeptInput(token!, "user-1");
    expect(await takeKeptInput(token!, { userId: "user-1", path: "/staff/feedback/new" })).toEqual({
      title: "Notes kept across sign-in",
    });

    // Run again after an interruption: nothing is under the old key any more, nothing changes.
    const again = await rotateStoreDataKey(getResponseDb(), "responses", oldKey, newKey);
    expect(again.every((count) => count.rotated === 0)).toBe(true);
    expect(again.find((c) => c.column === "text_encrypted")?.already).toBe(3);
  });

  it("stops, writing nothing and naming no value, when a field opens with neither key", async () => {
    await sendEmail({ to: "b@example.org", subject: "Link", text: "body under the new key" });
    const strangers = [randomBytes(32), randomBytes(32)] as const;
    const error = await rotateStoreDataKey(getIdentityDb(), "identity", ...strangers).catch(
      (caught: unknown) => caught as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain("outbox.body_encrypted");
    expect((error as Error).message).not.toContain("new key");
    const [row] = await listOutbox();
    expect((await getOutboxMessage(row!.id))?.body).toMatch(/under the new key|secret-1/);
  });

  it("refuses the same key twice", async () => {
    await expect(rotateStoreDataKey(getIdentityDb(), "identity", newKey, newKey)).rejects.toThrow(
      /same/,
    );
  });

  it("keeps the email lookups working: a second application by the same address is still caught, and the admin's search still finds both kinds", async () => {
    const board = await createBoard(
      { name: "Lookup board", areas: [], areasOther: "", residenceRule: "citizen" },
      null,
    );
    const call = await insertCall(
      { boardId: board.id, opensOn: "2026-01-01", closesOn: "2026-12-31", blindMode: true },
      null,
    );
    const earlier = await insertCall(
      { boardId: board.id, opensOn: "2025-01-01", closesOn: "2025-12-31", blindMode: true },
      null,
    );
    const email = "Drita.Lookup@example.org";
    const first = await storeApplication({
      call,
      application: testApplication({ email }),
      lang: "sq",
    });
    expect(first.duplicate).toBe(false);
    // An earlier application of the same person, erased by retention but for the kept address.
    await storeApplication({
      call: earlier,
      application: testApplication({ email, stayInformed: true }),
      lang: "sq",
    });
    const [kept] = await findApplications(email).then((found) =>
      found.filter((application) => application.callId === earlier.id),
    );
    await recordDecision(kept!.id, "not_selected", new Date("2026-01-02T00:00:00Z"));
    await eraseExpiredApplications(new Date("2026-11-30T00:00:00Z"), 6);
    expect(await findStayInformed(email)).toHaveLength(1);
    // A board member's account, found at sign-in by a lookup keyed by DATA_KEY (decision 046),
    // with a name typed under the declaration sealed inside a DATA_KEY column.
    const memberId = await insertUser(
      {
        email: "Sealed.Rotation@example.org",
        displayName: "Sealed Rotation",
        passwordHash: null,
        roles: ["board_member"],
        sealed: true,
      },
      getIdentityDb(),
    );
    await insertSignature(memberId, (await getCurrentDeclaration()).version, "sq", "Sealed R.");

    const current = Buffer.from(getConfig().dataKey);
    const next = randomBytes(32);
    const keys = await getKeyStore();
    await rotateStoreDataKey(getIdentityDb(), "identity", current, next, (trx) =>
      recomputeEmailLookups(trx, keys, current, next).then(() => undefined),
    );
    await rotateStoreDataKey(getResponseDb(), "responses", current, next);
    await rewrapPersonKeys(keys, current, next);
    getConfig().dataKey = next;

    const again = await storeApplication({
      call,
      application: testApplication({ email: " drita.lookup@EXAMPLE.org" }),
      lang: "sq",
    });
    expect(again.duplicate).toBe(true);
    expect(await findApplications(email)).toMatchObject([{ callId: call.id }]);
    expect(await findStayInformed(email)).toMatchObject([{ email, boardId: board.id }]);
    expect(await getUserCredentialsByEmail("sealed.rotation@example.org")).toMatchObject({
      id: memberId,
      email: "sealed.rotation@example.org",
    });
    expect((await listSignatures(memberId))[0]!.signedName).toBe("Sealed R.");
  });

  it("sees a running portal holding the store open", { timeout: 20_000 }, async () => {
    if (testEngine === "postgres") {
      const url = process.env.DATABASE_URL_RESPONSES!;
      const rotation = openStore({ engine: "postgres", url, poolSize: 1 });
      const portal = new pg.Client({ connectionString: url });
      await portal.connect();
      try {
        getResponseDb(); // the portal's own pool, as a running instance has
        const portalPid = (await portal.query<{ pid: number }>("select pg_backend_pid() as pid"))
          .rows[0]!.pid;
        const before = await otherUsersOfStore(rotation);
        expect(before).toContain(`PostgreSQL session ${portalPid}`);
        await portal.end();
        await closeResponseDb();
        // The portal's connections are gone (the server notices a moment later). Only the
        // sessions seen before are asked about: late background work of an earlier test may
        // open a pool of its own meanwhile (stop 24's CI run saw one more session).
        const stillThere = async () =>
          (await otherUsersOfStore(rotation)).filter((user) => before.includes(user));
        await expect.poll(stillThere, { timeout: 10_000 }).toEqual([]);
      } finally {
        await rotation.destroy();
      }
      return;
    }
    const file = getConfig().responseStorePath;
    const rotation = openStore({ engine: "sqlite", filename: file });
    // Another process with the file open, as a running portal has.
    const holder = spawn("sh", ["-c", 'exec sleep 30 3<"$0"', file], { stdio: "ignore" });
    try {
      await expect
        .poll(() => otherUsersOfStore(rotation, file), { timeout: 5000 })
        .toEqual([`process ${holder.pid}`]);
    } finally {
      holder.kill();
      await rotation.destroy();
    }
    await expect.poll(() => otherUsersOfStore(rotation, file), { timeout: 5000 }).toEqual([]);
  });
});

describe.runIf(testEngine === "sqlite")("npm run rotate-data-key on a default install", () => {
  it(
    "replaces DATA_DIR/data-key and leaves every field readable with the new one",
    { timeout: 60_000 },
    async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-rotate-"));
      const env = { ...process.env, DATA_DIR: dataDir, DATA_KEY: "" };
      const keyHex = randomBytes(32).toString("hex");
      fs.writeFileSync(path.join(dataDir, "data-key"), `${keyHex}\n`, { mode: 0o600 });
      const file = path.join(dataDir, "identity.sqlite");
      const store = openStore<IdentityDatabase>({ engine: "sqlite", filename: file });
      await migrateIdentityStore(store);
      const body = encryptField(Buffer.from(keyHex, "hex"), "kept in the outbox", "outbox:m1");
      await store
        .insertInto("outbox")
        .values({
          id: "m1",
          recipient: "a@example.org",
          subject: "s",
          body_encrypted: body,
          created_at: "2026-11-29T00:00:00Z",
        })
        .execute();
      // A board member written before decision 035: fields under DATA_KEY, no key of their own,
      // and their account before decision 046: address and name in clear.
      await store
        .insertInto("users")
        .values({
          id: "u-1",
          email: "lindita@example.org",
          display_name: "Lindita Rotated",
          password_hash: null,
          status: "invited",
          created_at: "2026-11-29T00:00:00Z",
          password_changed_at: null,
        })
        .execute();
      await store
        .insertInto("user_roles")
        .values({ user_id: "u-1", role: "board_member" })
        .execute();
      const board = await createBoard(
        { name: "Rotation board", areas: [], areasOther: "", residenceRule: "citizen" },
        null,
        store,
      );
      const old = (column: string, value: string) =>
        encryptField(Buffer.from(keyHex, "hex"), value, `board_memberships:mem-1:${column}`);
      await store
        .insertInto("board_memberships")
        .values({
          id: "mem-1",
          board_id: board.id,
          user_id: "u-1",
          full_name_encrypted: old("full_name", "Lindita Rotated"),
          email_encrypted: old("email", "lindita@example.org"),
          status: "active",
          renewals: 0,
          created_at: "2026-11-29T00:00:00Z",
        })
        .execute();
      // An address kept to stay informed, found through a lookup keyed by DATA_KEY (043).
      const kept = "kept@example.org";
      await store
        .insertInto("board_stay_informed")
        .values({
          id: "kept-1",
          board_id: board.id,
          email_encrypted: encryptField(
            Buffer.from(keyHex, "hex"),
            kept,
            "board_stay_informed|kept-1",
          ),
          email_lookup: stayInformedLookup(board.id, kept, Buffer.from(keyHex, "hex")),
          created_at: "2026-11-29T00:00:00Z",
        })
        .execute();
      await store.destroy();
      const result = spawnSync(
        process.execPath,
        ["--import", "tsx", "scripts/rotate-data-key.ts"],
        {
          env,
          encoding: "utf8",
        },
      );
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      const newHex = fs.readFileSync(path.join(dataDir, "data-key"), "utf8").trim();
      expect(newHex).toMatch(/^[0-9a-f]{64}$/);
      expect(newHex).not.toBe(keyHex);
      expect(fs.existsSync(path.join(dataDir, "data-key.new"))).toBe(false);
      const reopened = openStore<IdentityDatabase>({ engine: "sqlite", filename: file });
      const row = await reopened.selectFrom("outbox").selectAll().executeTakeFirstOrThrow();
      await reopened.destroy();
      expect(decryptField(Buffer.from(newHex, "hex"), row.body_encrypted, "outbox:m1")).toBe(
        "kept in the outbox",
      );
      // The member was moved under a key of their own, itself wrapped by the new DATA_KEY.
      expect(result.stdout).toContain("board members: 1 moved under their own keys");
      const keyStore = await openKeyStore(path.join(dataDir, "person-keys.sqlite"));
      const wrapped = await keyStore
        .selectFrom("person_keys")
        .select("wrapped_key")
        .where("person_id", "=", "mem-1")
        .executeTakeFirstOrThrow();
      await keyStore.destroy();
      const memberKey = unwrapDataKey(Buffer.from(newHex, "hex"), wrapped.wrapped_key, "mem-1");
      const again = openStore<IdentityDatabase>({ engine: "sqlite", filename: file });
      const member = await again
        .selectFrom("board_memberships")
        .selectAll()
        .executeTakeFirstOrThrow();
      const lookup = await again
        .selectFrom("board_stay_informed")
        .select("email_lookup")
        .executeTakeFirstOrThrow();
      const account = await again
        .selectFrom("users")
        .select(["email", "display_name", "email_lookup"])
        .where("id", "=", "u-1")
        .executeTakeFirstOrThrow();
      await again.destroy();
      // The kept address, written under DATA_KEY, went under a key of its own first (043).
      expect(result.stdout).toContain("kept addresses: 1 moved under their own keys");
      expect(result.stdout).toContain(
        "email lookups: 0 of applications, 1 of kept addresses, 1 of accounts",
      );
      // The account was sealed under a key of its own, its lookup keyed by the new DATA_KEY.
      expect(result.stdout).toContain("board members' accounts: 1 sealed under their own keys");
      expect(account).toEqual({
        email: "u-1@sealed.invalid",
        display_name: "",
        email_lookup: accountEmailLookup("lindita@example.org", Buffer.from(newHex, "hex")),
      });
      expect(lookup.email_lookup).toBe(
        stayInformedLookup(board.id, kept, Buffer.from(newHex, "hex")),
      );
      expect(
        openMemberField({ id: "mem-1", key: memberKey }, "full_name", member.full_name_encrypted),
      ).toBe("Lindita Rotated");
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  );
});

describe.runIf(testEngine === "postgres")("npm run rotate-data-key on PostgreSQL", () => {
  it(
    "refuses while a portal is connected, then rotates with DATA_KEY and NEW_DATA_KEY",
    { timeout: 60_000 },
    async () => {
      const current = Buffer.from(getConfig().dataKey);
      getConfig().dataKey = current;
      await sendEmail({ to: "c@example.org", subject: "Link", text: "for the script" });
      const [row] = await listOutbox();
      // A person key in the key database of DATABASE_URL_KEYS (decision 047), not in DATA_DIR.
      const personKey = await createPersonKey("person-rotated");
      const next = randomBytes(32);
      const run = () =>
        spawnSync(process.execPath, ["--import", "tsx", "scripts/rotate-data-key.ts"], {
          env: {
            ...process.env,
            DATA_KEY: current.toString("hex"),
            NEW_DATA_KEY: next.toString("hex"),
          },
          encoding: "utf8",
        });
      // This test's own connections stand for a running portal.
      await getIdentityDb().selectFrom("outbox").select("id").execute();
      const refused = run();
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/in use .*Stop every portal instance/);

      await closeIdentityDb();
      await closeResponseDb();
      // The key database is checked too: this test's pool on it stands for a portal.
      const refusedForKeys = run();
      expect(refusedForKeys.status).toBe(1);
      expect(refusedForKeys.stderr).toMatch(/person-key store is in use/);
      await closeKeyStore();
      const done = run();
      expect(done.stderr).toBe("");
      expect(done.status).toBe(0);
      expect(done.stdout).toContain("Put the value of NEW_DATA_KEY in place of DATA_KEY");
      getConfig().dataKey = next;
      expect((await getOutboxMessage(row!.id))?.body).toBe("for the script");
      expect(done.stdout).toMatch(/person keys \(DATABASE_URL_KEYS\): \d+ re-wrapped/);
      expect(fs.existsSync(path.join(getConfig().dataDir, "person-keys.sqlite"))).toBe(false);
      const keys = new pg.Client({ connectionString: process.env.DATABASE_URL_KEYS });
      await keys.connect();
      const { rows } = await keys.query<{ wrapped_key: string }>(
        "select wrapped_key from person_keys where person_id = 'person-rotated'",
      );
      await keys.end();
      expect(unwrapDataKey(next, rows[0]!.wrapped_key, "person-rotated")).toEqual(personKey);
    },
  );
});
