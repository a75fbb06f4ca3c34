import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** One scripted answer: status, headers, and how long to wait before answering. */
export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
}

export interface ScriptedServer {
  url: string;
  /** Answers for the next requests, in order; when empty, `fallback` answers. */
  script(...answers: ScriptedAnswer[]): void;
  fallback: ScriptedAnswer;
  /** Requests received so far, with the time each arrived (ms, performance.now()). */
  requests: { method: string; path: string; at: number }[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 that answers from a script: the vendor stand-in for the
 * resilience tests (breaker, retries, Retry-After, quota headers).
 */
export async function startScriptedServer(): Promise<ScriptedServer> {
  const queue: ScriptedAnswer[] = [];
  const state: ScriptedServer = {
    url: "",
    script: (...answers) => void queue.push(...answers),
    fallback: { status: 200, body: "{}" },
    requests: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((request: IncomingMessage, response) => {
    state.requests.push({ method: request.method ?? "", path: request.url ?? "", at: performance.now() });
    const answer = queue.shift() ?? state.fallback;
    const send = () => {
      if (response.destroyed) return;
      response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      response.end(answer.body ?? "{}");
    };
    request.resume();
    request.on("end", () => (answer.delayMs ? setTimeout(send, answer.delayMs) : send()));
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
