import { describe, expect, it } from "vitest";

import { allCommands, commandNamed, DOMAINS } from "./domains";

describe("the CLI's domains", () => {
  it("finds every command through its prefix alone, and nothing else", async () => {
    const all = await allCommands();
    expect(Object.keys(all)).toEqual(expect.arrayContaining(["users:create", "tokens:create", "jobs:run"]));
    for (const [name, command] of Object.entries(all)) {
      expect(Object.hasOwn(DOMAINS, name.split(":")[0]), name).toBe(true);
      expect(await commandNamed(name)).toBe(command);
    }
    expect(await commandNamed("users:nothing")).toBeUndefined();
    expect(await commandNamed("constructor")).toBeUndefined();
  });
});
