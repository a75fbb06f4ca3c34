import { describe, expect, it } from "vitest";

import { formatVerifyReport, isBroken, type VerifyReport } from "./verify";

const intact: VerifyReport = {
  events: 12,
  chains: 3,
  unsealed: 0,
  broken: [],
  heads: { checked: 0, broken: [] },
};

describe("formatVerifyReport", () => {
  it("says ok with the number of events and chains when nothing is broken", () => {
    expect(formatVerifyReport(intact)).toEqual(["checked 12 events in 3 chains: ok"]);
    expect(formatVerifyReport({ ...intact, events: 0, chains: 0 })).toEqual([
      "checked 0 events in 0 chains: ok",
    ]);
    expect(isBroken(intact)).toBe(false);
  });

  it("names the first broken event of each broken chain, by slug when known", () => {
    const report: VerifyReport = {
      ...intact,
      events: 40,
      broken: [
        { orgId: "o-1", orgSlug: "nordkueche", eventId: "17", problem: "hash" },
        { orgId: "o-2", orgSlug: null, eventId: "23", problem: "link" },
        { orgId: null, orgSlug: null, eventId: "5", problem: "link" },
        { orgId: "o-3", orgSlug: "sued", eventId: "31", problem: "seal" },
        { orgId: "o-4", orgSlug: "west", eventId: "33", problem: "unsealed" },
        { orgId: "o-5", orgSlug: "ost", eventId: "35", problem: "unknown-key" },
      ],
    };
    expect(formatVerifyReport(report)).toEqual([
      "organisation nordkueche: event 17 does not match its hash (the event was changed)",
      "organisation o-2: event 23 does not link to the event before it (an event was removed, inserted or reordered)",
      "installation-wide chain: event 5 does not link to the event before it (an event was removed, inserted or reordered)",
      "organisation sued: event 31 does not match its seal (it or an event before it was rewritten and the hashes recomputed, or it was sealed with another key)",
      "organisation west: event 33 has no seal, though its chain is sealed by then (it was written past the app, or its seal removed)",
      "organisation ost: event 35 is sealed only with keys this installation does not know (a retired key belongs in AUDIT_CHAIN_KEY_PREVIOUS)",
      "checked 40 events in 3 chains: 6 broken chains",
    ]);
    expect(isBroken(report)).toBe(true);
  });

  it("names each chain's first head that no longer matches, and counts the heads it checked", () => {
    const report: VerifyReport = {
      ...intact,
      unsealed: 4,
      heads: {
        checked: 5,
        broken: [
          {
            orgId: "o-1",
            orgSlug: "nordkueche",
            publishedAt: "2026-12-01T23:05:00.000Z",
            eventId: "17",
            problem: "changed",
          },
        ],
      },
    };
    expect(formatVerifyReport(report)).toEqual([
      "organisation nordkueche: the head published 2026-12-01T23:05:00.000Z (event 17) no longer matches: its event's hash is another now (the chain was rewritten)",
      "4 events are from before the chain was keyed: no seal, vouched for by the seals after them",
      "checked 5 published heads: 1 no longer matches",
      "checked 12 events in 3 chains: ok",
    ]);
    expect(isBroken(report)).toBe(true);
    expect(formatVerifyReport({ ...report, heads: { checked: 1, broken: [] } }).at(-2)).toBe(
      "checked 1 published head: ok",
    );
  });
});
