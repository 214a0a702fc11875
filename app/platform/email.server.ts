import { randomUUID } from "node:crypto";

import nodemailer from "nodemailer";

import { getConfig } from "./config.server";
import { decryptField, encryptField } from "./field-encryption.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";

export type OutgoingEmail = { to: string; subject: string; text: string };

/**
 * Sends by SMTP when SMTP_URL is set; otherwise keeps the message in the outbox (encrypted),
 * where an admin can read it in the portal and pass the link on by hand.
 */
export async function sendEmail(
  email: OutgoingEmail,
  db: IdentityDb = getIdentityDb(),
): Promise<"sent" | "outbox"> {
  const config = getConfig();
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    await transport.sendMail({
      from: config.mailFrom,
      to: email.to,
      subject: email.subject,
      text: email.text,
    });
    return "sent";
  }
  const id = randomUUID();
  await db
    .insertInto("outbox")
    .values({
      id,
      recipient: email.to,
      subject: email.subject,
      body_encrypted: encryptField(config.dataKey, email.text, `outbox:${id}`),
      created_at: new Date().toISOString(),
    })
    .execute();
  return "outbox";
}

export async function listOutbox(db: IdentityDb = getIdentityDb()) {
  return db
    .selectFrom("outbox")
    .select(["id", "recipient", "subject", "created_at"])
    .orderBy("created_at", "desc")
    .limit(200)
    .execute();
}

export async function getOutboxMessage(id: string, db: IdentityDb = getIdentityDb()) {
  const row = await db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    recipient: row.recipient,
    subject: row.subject,
    createdAt: row.created_at,
    body: decryptField(getConfig().dataKey, row.body_encrypted, `outbox:${row.id}`),
  };
}
