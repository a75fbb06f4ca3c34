import { describe, expect, it } from "vitest";

import { PROBLEM_BASE, problemResponse } from "./problem";

describe("problemResponse", () => {
  it("answers RFC 9457 problem+json with the status's title", async () => {
    const res = problemResponse(404, { detail: "No such lead.", instance: "/api/v1/leads/123" });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toEqual({
      type: `${PROBLEM_BASE}404`,
      title: "Not Found",
      status: 404,
      detail: "No such lead.",
      instance: "/api/v1/leads/123",
    });
  });

  it("names the problem kind in type and carries field errors", async () => {
    const errors = [
      { path: "email", message: "not a valid email address" },
      { path: "name", message: "required" },
    ];
    const body = await problemResponse(422, { type: "validation", errors }).json();
    expect(body).toEqual({
      type: `${PROBLEM_BASE}validation`,
      title: "Unprocessable Content",
      status: 422,
      errors,
    });
  });

  it("leaves out optional members that are not given, and empty errors", async () => {
    const body = await problemResponse(500, { errors: [] }).json();
    expect(body).toEqual({ type: `${PROBLEM_BASE}500`, title: "Internal Server Error", status: 500 });
    expect(Object.keys(body)).toEqual(["type", "title", "status"]);
  });

  it("falls back to a generic title for other statuses", async () => {
    expect((await problemResponse(418).json()).title).toBe("Error");
  });

  it("keeps extra headers, but the content type is always problem+json", () => {
    const res = problemResponse(429, { headers: { "retry-after": "30", "content-type": "text/plain" } });
    expect(res.headers.get("retry-after")).toBe("30");
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});
