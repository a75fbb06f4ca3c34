import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { compareSemver, parseSemver, satisfiesFloor } from "./semver";

/**
 * Security floor of the dependency tree: versions below these have published advisories that
 * matter to this app (React Server Components / Next.js request handling, Auth.js). Every copy in
 * package-lock.json counts, nested ones too.
 */
const FLOORS: Record<string, (version: string) => string> = {
  next: () => "16.3.4",
  react: () => "19.2.9",
  "react-dom": () => "19.2.9",
  // Auth.js: v5 is still published as betas; v4 has its own patched line.
  "next-auth": (version) => (parseSemver(version).major <= 4 ? "4.24.15" : "5.0.0-beta.32"),
};

interface Lockfile {
  lockfileVersion: number;
  packages: Record<string, { version?: string; link?: boolean }>;
}

interface Installed {
  name: string;
  location: string;
  version: string;
}

function installedCopies(lock: Lockfile, name: string): Installed[] {
  return Object.entries(lock.packages)
    .filter(([location]) => location === `node_modules/${name}` || location.endsWith(`/node_modules/${name}`))
    .filter(([, entry]) => !entry.link && entry.version)
    .map(([location, entry]) => ({ name, location, version: entry.version as string }));
}

/** Every guarded package copy below its floor, as readable lines; a missing package is one too. */
function violations(lock: Lockfile): string[] {
  const problems: string[] = [];
  for (const [name, floorFor] of Object.entries(FLOORS)) {
    const copies = installedCopies(lock, name);
    if (copies.length === 0) problems.push(`${name}: not in the lockfile`);
    for (const copy of copies) {
      const floor = floorFor(copy.version);
      if (!satisfiesFloor(copy.version, floor)) problems.push(`${copy.location}: ${copy.version} < ${floor}`);
    }
  }
  return problems;
}

describe("compareSemver", () => {
  it.each([
    ["1.0.0", "1.0.0", 0],
    ["1.0.0", "2.0.0", -1],
    ["2.0.0", "1.9.9", 1],
    ["16.10.0", "16.9.9", 1], // numeric, not string, comparison
    ["19.2.10", "19.2.9", 1],
    ["1.0.0-alpha", "1.0.0", -1], // a prerelease is below its release
    ["1.0.0", "1.0.0-rc.1", 1],
    ["1.0.0-alpha", "1.0.0-alpha.1", -1], // fewer identifiers, equal prefix: lower
    ["1.0.0-alpha.1", "1.0.0-alpha.beta", -1], // numeric below alphanumeric
    ["1.0.0-alpha.beta", "1.0.0-beta", -1],
    ["1.0.0-beta.2", "1.0.0-beta.11", -1], // numeric identifiers compare as numbers
    ["1.0.0-rc.1", "1.0.0-beta.11", 1],
    ["5.0.0-beta.32", "5.0.0-beta.31", 1],
    ["5.0.0-beta.4", "5.0.0-beta.32", -1],
    ["5.0.0-beta.32", "5.0.0", -1],
    ["1.0.0+build.5", "1.0.0+build.1", 0], // build metadata does not count
    ["v2.1.0", "2.1.0", 0],
  ])("%s vs %s → %i", (a, b, expected) => {
    expect(compareSemver(a, b)).toBe(expected);
    expect(compareSemver(b, a)).toBe(-expected || 0);
  });

  it("refuses what is not a version", () => {
    expect(() => parseSemver("16.x")).toThrow(/not a semantic version/);
    expect(() => parseSemver("^16.3.4")).toThrow(/not a semantic version/);
    expect(() => parseSemver("1.02.3")).toThrow(/not a semantic version/);
  });
});

describe("lockfile security floor", () => {
  const lock = JSON.parse(
    readFileSync(path.join(import.meta.dirname, "..", "package-lock.json"), "utf8"),
  ) as Lockfile;

  it("is a lockfile with a packages map (lockfileVersion 2 or 3)", () => {
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
    expect(Object.keys(lock.packages).length).toBeGreaterThan(0);
  });

  it("has every guarded package at or above its floor", () => {
    expect(violations(lock)).toEqual([]);
    for (const name of Object.keys(FLOORS)) expect(installedCopies(lock, name).length).toBeGreaterThan(0);
  });

  it("reports copies below the floor, nested ones and prereleases included", () => {
    const vulnerable: Lockfile = {
      lockfileVersion: 3,
      packages: {
        "": { version: "0.1.0" },
        "node_modules/next": { version: "16.3.3" },
        "node_modules/react": { version: "19.2.9" },
        "node_modules/react-dom": { version: "19.3.0-canary-1" },
        "node_modules/some-lib/node_modules/react-dom": { version: "19.2.8" },
        "node_modules/next-auth": { version: "5.0.0-beta.31" },
        "node_modules/old/node_modules/next-auth": { version: "4.24.14" },
      },
    };
    expect(violations(vulnerable)).toEqual([
      "node_modules/next: 16.3.3 < 16.3.4",
      "node_modules/some-lib/node_modules/react-dom: 19.2.8 < 19.2.9",
      "node_modules/next-auth: 5.0.0-beta.31 < 5.0.0-beta.32",
      "node_modules/old/node_modules/next-auth: 4.24.14 < 4.24.15",
    ]);
    expect(
      violations({ lockfileVersion: 3, packages: { "node_modules/next-auth": { version: "4.24.15" } } }),
    ).toEqual(["next: not in the lockfile", "react: not in the lockfile", "react-dom: not in the lockfile"]);
  });
});
