import { describe, expect, it } from "vitest";

import { withoutOrg } from "@/lib/db";

// Statements are prepared once per connection under a name made from their text (lib/db/index.ts),
// so PostgreSQL plans them once instead of on every call. Read from the connection itself: inside
// one transaction every statement runs on the same connection.

describe("prepared statements", () => {
  it("name each statement text by its hash and prepare it once per connection", async () => {
    const prepared = await withoutOrg(async (tx) => {
      for (let i = 0; i < 3; i += 1) await tx.$queryRaw`SELECT ${i}::int + 1 AS prepared_probe`;
      return tx.$queryRaw<{ name: string }[]>`
        SELECT name FROM pg_prepared_statements WHERE statement LIKE '%AS prepared_probe%'
          AND statement NOT LIKE '%pg_prepared_statements%'`;
    });
    expect(prepared).toHaveLength(1);
    expect(prepared[0].name).toMatch(/^fp_[0-9a-f]{40}$/);
  });
});
