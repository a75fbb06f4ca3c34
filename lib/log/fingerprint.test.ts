import { describe, expect, it } from "vitest";

import { fingerprint, firstAppFrame, messageTemplate } from "./fingerprint";
import { scrub } from "./redact";

// Grouping and redaction of log lines (lib/log): pure functions, no database.

describe("message templates and fingerprints", () => {
  it("replace what varies: numbers, ids, times, quoted values", () => {
    expect(
      messageTemplate(
        'Lead 4711 of org 0b1c2d3e-aaaa-4bbb-8ccc-123456789012 failed at 2026-12-07T10:00:00Z: "Kantine"',
      ),
    ).toBe("Lead <n> of org <id> failed at <time>: <str>");
    expect(fingerprint("Lead 1 failed", "lib/a.ts:10")).toBe(fingerprint("Lead 22 failed", "lib/a.ts:10"));
    expect(fingerprint("Lead 1 failed", "lib/a.ts:10")).not.toBe(fingerprint("Lead 1 failed", "lib/b.ts:10"));
    expect(fingerprint("Lead 1 failed", null)).toMatch(/^[0-9a-f]{40}$/);
  });

  it("find the first frame of the app's own code, relative to its root", () => {
    const stack = [
      "Error: boom",
      "    at logMethod (/app/lib/log/index.ts:40:11)",
      "    at Pino.error (/app/node_modules/pino/lib/proto.js:200:3)",
      "    at runJob (/app/lib/jobs/runner.ts:133:13)",
      "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
    ].join("\n");
    expect(firstAppFrame(stack, "/app")).toBe("lib/jobs/runner.ts:133");
    expect(firstAppFrame("Error: x\n    at node:internal/x:1:1", "/app")).toBeNull();
    expect(firstAppFrame(undefined)).toBeNull();
  });
});

describe("scrub", () => {
  it("removes e-mail addresses, bearer tokens, key=value secrets, URL credentials and token-like runs", () => {
    const token = "fpa_" + "k3yM4t3r1al".repeat(4);
    const out = scrub(
      `anna.berg@example.com sent Bearer ${token} with password=hunter2 via postgres://app:s3cret@db/x and ${token}`,
    );
    expect(out).not.toMatch(/anna|example\.com|hunter2|s3cret|k3yM4t3r1al/);
    expect(out).toContain("[email]");
    expect(out).toContain("Bearer [redacted]");
    expect(out).toContain("password=[redacted]");
  });

  it("keeps ids and ordinary words", () => {
    const id = "0b1c2d3e-aaaa-4bbb-8ccc-123456789012";
    expect(scrub(`Lead ${id} not found in lib/leads/service.ts`)).toBe(
      `Lead ${id} not found in lib/leads/service.ts`,
    );
  });
});
