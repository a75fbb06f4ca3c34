import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import * as leads from "@/app/api/v1/leads/route";
import { createToken } from "@/lib/auth/tokens";
import { withOrg } from "@/lib/db";
import { setTestEnv } from "@/test/env";
import { createTenant, type TestTenant } from "@/test/tenants";

import { clientIp, listenAsLastHop, UNKNOWN_IP } from "./client-ip";

// The client address as a real HTTP server delivers it, with TRUSTED_PROXY_HOPS unset (0): this
// process is the last hop (as instrumentation.ts makes every Next.js server), the route handlers are
// the app's own, rate limits and the audit trail live in PostgreSQL. e2e/security.spec.ts checks the
// same inside Next.js's own server.
const PER_IP = 5;
setTestEnv({
  API_RATE_LIMIT_PER_IP_PER_MINUTE: String(PER_IP),
  API_RATE_LIMIT_PER_CALLER_PER_MINUTE: "1000",
});

type Handler = (request: Request, route: { params: Promise<unknown> }) => Promise<Response>;

/** Node request → Fetch Request → the route handler → Node response, as Next.js does in between. */
function serve(handler: Handler): Promise<Server> {
  const toRequest = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === "string") headers.set(name, value);
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    return new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body });
  };
  const server = createServer((req, res) => {
    void toRequest(req)
      .then((request) => handler(request, { params: Promise.resolve({}) }))
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

let tenant: TestTenant;
let token = "";
let get: Server;
let post: Server;
const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/leads`;

beforeAll(async () => {
  listenAsLastHop();
  tenant = await createTenant("client-ip");
  token = (await createToken(tenant.sales, { name: "t", expiresInDays: 1 })).token;
  [get, post] = await Promise.all([serve(leads.GET), serve(leads.POST)]);
});

afterAll(async () => {
  await Promise.all([get, post].map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A made-up address from the documentation ranges, different every call. */
let forged = 0;
const forgedAddress = () => `203.0.113.${++forged}`;

describe("the client address behind no trusted proxy", () => {
  it("lands in the audit trail as the socket address, not as the forwarded header's claim", async () => {
    const claimed = forgedAddress();
    const response = await fetch(urlOf(post), {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "x-forwarded-for": `${claimed}, 198.51.100.1`,
      },
      body: JSON.stringify({ companyName: "Kantine Adresse", city: "Bremen" }),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const event = await withOrg({ ...tenant.admin }, (tx) =>
      tx.auditEvent.findFirstOrThrow({ where: { action: "lead.created", resourceId: id } }),
    );
    expect(event.ip).toBe("127.0.0.1");
  });

  it("counts a rotated X-Forwarded-For against the one socket address's limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PER_IP + 3; i++) {
      const response = await fetch(urlOf(get), {
        headers: { authorization: `Bearer ${token}`, "x-forwarded-for": forgedAddress() },
      });
      statuses.push(response.status);
    }
    // The first test's request counted too.
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(PER_IP - 1);
    expect(statuses.at(-1)).toBe(429);
  });

  it("knows no address for a request this process's hop did not see (accepted before it listened)", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "127.0.0.1" }))).toBe(UNKNOWN_IP);
  });
});
