import { describe, expect, it } from "vitest";

import { formatVerifyReport } from "./verify";

describe("formatVerifyReport", () => {
  it("says ok with the number of events and chains when nothing is broken", () => {
    expect(formatVerifyReport({ events: 12, chains: 3, broken: [] })).toEqual([
      "checked 12 events in 3 chains: ok",
    ]);
    expect(formatVerifyReport({ events: 0, chains: 0, broken: [] })).toEqual([
      "checked 0 events in 0 chains: ok",
    ]);
  });

  it("names the first broken event of each broken chain, by slug when known", () => {
    const lines = formatVerifyReport({
      events: 40,
      chains: 3,
      broken: [
        { orgId: "o-1", orgSlug: "nordkueche", eventId: "17", problem: "hash" },
        { orgId: "o-2", orgSlug: null, eventId: "23", problem: "link" },
        { orgId: null, orgSlug: null, eventId: "5", problem: "link" },
      ],
    });
    expect(lines).toEqual([
      "organisation nordkueche: event 17 does not match its hash (the event was changed)",
      "organisation o-2: event 23 does not link to the event before it (an event was removed, inserted or reordered)",
      "installation-wide chain: event 5 does not link to the event before it (an event was removed, inserted or reordered)",
      "checked 40 events in 3 chains: 3 broken chains",
    ]);
  });
});
