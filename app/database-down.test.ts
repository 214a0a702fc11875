import type { ActionFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";

import { handleDataRequest, handleError } from "./entry.server";

/** A connection refused by PostgreSQL, as `pg` reports it. */
const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
  code: "ECONNREFUSED",
});

function args(request: Request): ActionFunctionArgs {
  return { request, params: {}, context: { cspNonce: "" } };
}

function afterDatabaseDown(request: Request) {
  handleError(refused, args(request));
  return handleDataRequest(new Response("turbo-stream"), args(request)) as Response;
}

describe("A page asked for in the background while a database is down", () => {
  it("is loaded by the browser itself, which then gets the calm 503 page", () => {
    const answer = afterDatabaseDown(
      new Request("http://portal.test/en/staff/feedback.data?status=open&_routes=root,x"),
    );
    expect(answer.status).toBe(302);
    expect(answer.headers.get("X-Remix-Reload-Document")).toBe("true");
    expect(answer.headers.get("Location")).toBe("/en/staff/feedback?status=open");
  });

  it("is the home page when the root's data was asked for", () => {
    const answer = afterDatabaseDown(new Request("http://portal.test/_root.data"));
    expect(answer.headers.get("Location")).toBe("/");
  });

  it("goes back to the page a form was sent from, never to another site", () => {
    const from = (referer: string) =>
      afterDatabaseDown(
        new Request("http://portal.test/en/staff/session.data", {
          method: "POST",
          headers: { Referer: referer },
        }),
      ).headers.get("Location");
    expect(from("http://portal.test/en/staff/account?tab=2")).toBe("/en/staff/account?tab=2");
    expect(from("https://evil.example/en/staff")).toBe("/en/staff/session");
    expect(from("not a url")).toBe("/en/staff/session");
  });

  it("passes every other data answer unchanged", () => {
    const request = new Request("http://portal.test/en/staff/feedback.data");
    const response = new Response("turbo-stream");
    handleError(new Error("a bug, not the database"), args(request));
    expect(handleDataRequest(response, args(request))).toBe(response);
  });
});
