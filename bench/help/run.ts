// Help search benchmark (issue 14): searchHelp as GET /api/v1/help/search runs it (the reader's
// context, RLS, synonyms, full text in both languages, trigram typo match, snippets, the search
// log) over ARTICLES published articles in both spaces and languages. Query sets: exact words, typos
// and synonyms, each for a sales partner (enduser space) and a manager (both spaces). Prints
// p50/p95/p99 per set. Runs on a fresh database fp_help_bench_<random> on TEST_DATABASE_URL's
// server, dropped afterwards.
//
//   npm run bench:help [-- --articles=10000 --queries=300]
//   npm run bench:help -- --quick          (1 000 articles, 60 queries per set)
//   npm run bench:help -- --keep           (keeps the database and prints its URL, to read plans)
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { performance } from "node:perf_hooks";

import pg from "pg";

import { admin, numberOption, percentile, scratchDatabase } from "../scratch";

const root = path.resolve(import.meta.dirname, "../..");
const quick = process.argv.includes("--quick");
const arg = numberOption;
const ARTICLES = arg("articles", quick ? 1_000 : 10_000);
const QUERIES = arg("queries", quick ? 60 : 300);
const keep = process.argv.includes("--keep");

const { name: dbName, url: dbUrl } = scratchDatabase("fp_help_bench");

/** Words the generated articles are made of (and the queries ask for). */
const DE = [
  "Schutzfrist",
  "Verlängerung",
  "Pause",
  "Kantine",
  "Angebot",
  "Muster",
  "Lieferung",
  "Rechnung",
  "Kollege",
  "Freigabe",
  "Zugangstoken",
  "Einstellung",
  "Vertrieb",
  "Partner",
  "Kunde",
  "Besuch",
];
const EN = [
  "protection",
  "extension",
  "hold",
  "canteen",
  "offer",
  "sample",
  "delivery",
  "invoice",
  "collaborator",
  "share",
  "token",
  "setting",
  "sales",
  "partner",
  "customer",
  "visit",
];
const EXACT = [
  "Schutzfrist",
  "Verlängerung beantragen",
  "Kantine Angebot",
  "invoice delivery",
  "sample offer",
];
const TYPOS = ["Schutzfirst", "Verlängerun", "Kantiene", "invocie", "colaborator"];
const SYNONYMS = ["Kulanz", "Lead-Schutz", "Frist"];

async function main() {
  await admin((c) => c.query(`CREATE DATABASE ${dbName}`));
  try {
    execFileSync(
      process.execPath,
      [path.join(root, "scripts/migrate.mjs"), "up", "--url", dbUrl.toString()],
      {
        stdio: "ignore",
      },
    );
    Object.assign(process.env, {
      DATABASE_URL: dbUrl.toString(),
      AUTH_SECRET: "bench-auth-secret-0123456789abcdef0123",
      AUDIT_CHAIN_KEY: "bench-audit-chain-key-0123456789abcdef",
      INTEGRATIONS_KEY: randomBytes(32).toString("base64"),
      LOG_LEVEL: "error",
    });
    // Imported only now: lib/env.ts reads the variables on first use.
    const { searchHelp } = await import("@/lib/help/service");
    const { disconnect } = await import("@/lib/db");

    const client = new pg.Client({ connectionString: dbUrl.toString() });
    await client.connect();
    const one = async (sql: string, params: unknown[] = []) =>
      (await client.query<{ id: string }>(sql, params)).rows[0].id;
    const orgId = await one(`INSERT INTO organization (slug, name) VALUES ('bench', 'Bench') RETURNING id`);
    const member = async (email: string, role: string) => {
      const id = await one(`INSERT INTO app_user (email, name) VALUES ($1, $1) RETURNING id`, [email]);
      await client.query(`INSERT INTO membership (org_id, user_id, role) VALUES ($1, $2, $3)`, [
        orgId,
        id,
        role,
      ]);
      return id;
    };
    const writer = await member("writer@bench.example", "manager");
    const reviewer = await member("reviewer@bench.example", "admin");
    const partner = await member("partner@bench.example", "sales");
    const manager = await member("manager@bench.example", "manager");

    const started = performance.now();
    // Articles: a title of three words, tags, a body of ~120 words, both languages, a fifth salesops.
    await client.query(
      `INSERT INTO help_article (org_id, space, locale, slug, title, body_md, tags, status, version,
                                 created_by, updated_by, reviewed_by, published_at)
       SELECT $1, CASE WHEN i % 5 = 0 THEN 'salesops' ELSE 'enduser' END, lang, 'a-' || i,
              w[1 + i % 16] || ' ' || w[1 + (i / 16) % 16] || ' ' || w[1 + (i / 256) % 16] || ' ' || i,
              (SELECT string_agg(w[1 + ((i * 7 + k * 13) % 16)], ' ') FROM generate_series(1, 120) AS k),
              ARRAY[w[1 + (i / 3) % 16], w[1 + (i / 5) % 16]], 'PUBLISHED', 1, $2, $2, $3, now()
       FROM generate_series(1, $4::int) AS i,
            LATERAL (SELECT CASE WHEN i % 2 = 0 THEN 'de' ELSE 'en' END AS lang) l,
            LATERAL (SELECT CASE WHEN l.lang = 'de' THEN $5::text[] ELSE $6::text[] END AS w) words`,
      [orgId, writer, reviewer, ARTICLES, DE, EN],
    );
    await client.query(
      `INSERT INTO help_synonym (org_id, term, expansion, created_by)
       VALUES ($1, 'Kulanz', 'Verlängerung', $2), ($1, 'Lead-Schutz', 'Schutzfrist', $2), ($1, 'Frist', 'Schutzfrist', $2)`,
      [orgId, writer],
    );
    await client.query(`ANALYZE`);
    console.log(`${ARTICLES} articles seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const run = async (label: string, roles: string[], userId: string, queries: string[]) => {
      const ctx = { orgId, userId, roles };
      await searchHelp(ctx, { q: queries[0] }); // warm up the pool and the plan
      const times: number[] = [];
      let hits = 0;
      for (let i = 0; i < QUERIES; i += 1) {
        const t0 = performance.now();
        hits += (await searchHelp(ctx, { q: queries[i % queries.length] })).items.length;
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const f = (ms: number) => `${ms.toFixed(1)} ms`;
      console.log(
        `${label.padEnd(24)} p50 ${f(percentile(times, 50))}, p95 ${f(percentile(times, 95))}, ` +
          `p99 ${f(percentile(times, 99))}; ${(hits / QUERIES).toFixed(1)} hits per search`,
      );
    };
    console.log(`${QUERIES} sequential searches per set`);
    await run("partner, exact words", ["sales"], partner, EXACT);
    await run("partner, typos", ["sales"], partner, TYPOS);
    await run("partner, synonyms", ["sales"], partner, SYNONYMS);
    await run("manager, exact words", ["manager"], manager, EXACT);
    await run("manager, typos", ["manager"], manager, TYPOS);

    await client.end();
    await disconnect();
  } finally {
    if (keep) console.log(`kept: ${dbUrl.toString()}`);
    else await admin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
