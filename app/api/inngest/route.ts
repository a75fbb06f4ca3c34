import { serve } from "inngest/next";
import type { NextRequest } from "next/server";

import { inngestConfig } from "@/lib/env";
import { libraryRoute } from "@/lib/http/library-route";
import { problemResponse } from "@/lib/http/problem";
import { inngestClient } from "@/lib/jobs/client";
import { createJobFunctions } from "@/lib/jobs/functions";

// Inngest (Cloud, a self-hosted server or a dev server) syncs and calls the jobs here. Whether it is
// configured is read from the environment per request: unconfigured, the SDK would answer 500, so
// this route answers 503 problem+json instead, and the local scheduler runs the jobs.
export const dynamic = "force-dynamic";

type Handlers = ReturnType<typeof serve>;
let handlers: Handlers | undefined;

function servedHandlers(): Handlers | null {
  if (!inngestConfig()) return null;
  const client = inngestClient();
  handlers ??= serve({ client, functions: createJobFunctions(client) });
  return handlers;
}

function notConfigured(request: NextRequest): Response {
  return problemResponse(503, {
    type: "inngest-not-configured",
    detail:
      "Inngest is not configured on this instance (set INNGEST_SIGNING_KEY, or INNGEST_DEV=1 for a dev " +
      "server); its local scheduler runs the jobs.",
    instance: request.nextUrl.pathname,
    headers: { "cache-control": "no-store" },
  });
}

export async function GET(request: NextRequest, context: RouteContext<"/api/inngest">): Promise<Response> {
  const served = servedHandlers();
  return served ? served.GET(request, context) : notConfigured(request);
}

/**
 * Inngest sends a run's state (event, earlier steps' results) in the body. Its steps return at most
 * 4 MB, and hosts such as Vercel take 4.5 MB, so Inngest's executor keeps requests within that.
 */
const INNGEST_BODY_LIMIT = 4.5 * 1024 * 1024;

export const POST = libraryRoute(
  async (request: NextRequest, context: RouteContext<"/api/inngest">): Promise<Response> => {
    const served = servedHandlers();
    return served ? served.POST(request, context) : notConfigured(request);
  },
  { bodyLimit: INNGEST_BODY_LIMIT },
);

export const PUT = libraryRoute(
  async (request: NextRequest, context: RouteContext<"/api/inngest">): Promise<Response> => {
    const served = servedHandlers();
    return served ? served.PUT(request, context) : notConfigured(request);
  },
  { bodyLimit: INNGEST_BODY_LIMIT },
);
