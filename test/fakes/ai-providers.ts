/**
 * Local stand-ins for the OpenAI and Anthropic APIs: plain node:http servers on 127.0.0.1 that speak
 * the real wire format, so the official SDKs talk to them exactly as they talk to the real thing and
 * only the base URL differs. Tests and benchmarks script the answers (`respond`) and read what the
 * app actually sent (`requests`). No vitest imports: the benchmark scripts use these too.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import type { TokenLogprob } from "../../lib/ai/types";

/** The key the fakes accept unless told otherwise. */
export const FAKE_API_KEY = "fake-test-key";

/** One request as the fake received it. */
export interface FakeRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body exactly as it arrived: what left the app, byte for byte. */
  rawBody: string;
  /** The body parsed as JSON (an empty object when it was not JSON). */
  body: Record<string, unknown>;
}

/** A structured answer: the object the model "produced". */
export interface FakeAnswer {
  output: object;
  /** Token counts to report; estimated from the texts when absent (see estimateTokens). */
  usage?: { inputTokens?: number; outputTokens?: number };
  /**
   * OpenAI only, and only when the request asked for them: the tokens to report, or `auto` (the
   * default) to cut the answer into word-sized tokens with a confident log-probability.
   */
  logprobs?: TokenLogprob[] | "auto";
  /** The model to report; the requested one when absent. */
  model?: string;
  /** Wait this long before answering (to provoke the client's timeout). */
  delayMs?: number;
}

/** The model ignored the schema and answered prose (OpenAI: plain content; Anthropic: a text block). */
export interface FakeProse {
  text: string;
  /** Token counts to report; estimated from the texts when absent (see estimateTokens). */
  usage?: { inputTokens?: number; outputTokens?: number };
  delayMs?: number;
}

/** An HTTP error in the provider's own error shape (unless `body` replaces it). */
export interface FakeHttpError {
  status: number;
  body?: unknown;
  /** Seconds, sent as `retry-after` (0 lets the SDK retry at once). */
  retryAfter?: number;
  delayMs?: number;
}

/** The connection is dropped without an answer (a reset, as a crashing upstream would). */
export interface FakeHangUp {
  hangUp: true;
}

export type FakeReply = FakeAnswer | FakeProse | FakeHttpError | FakeHangUp;
export type FakeResponder = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

export interface FakeProviderOptions {
  respond?: FakeResponder;
  apiKey?: string;
  /** A fixed port (a server other processes are told about); by default any free one. */
  port?: number;
}

export interface FakeProvider {
  /** Base URL for the SDK: OpenAI's includes `/v1`, Anthropic's does not (its SDK adds it). */
  readonly url: string;
  /** Every request received, in order, including refused ones. */
  readonly requests: FakeRequest[];
  /** The script; replace it between tests. */
  respond: FakeResponder;
  close(): Promise<void>;
}

const defaultAnswer: FakeResponder = () => ({ output: { ok: true } });

/** A fake of `POST /v1/chat/completions`, structured outputs and log-probabilities included. */
export function startFakeOpenAI(options: FakeProviderOptions = {}): Promise<FakeProvider> {
  const apiKey = options.apiKey ?? FAKE_API_KEY;
  return startFake("/v1", options, async (request, reply, res) => {
    if (request.headers.authorization !== `Bearer ${apiKey}`) {
      return sendJson(
        res,
        401,
        openAiError("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"),
      );
    }
    if (request.method !== "POST" || request.path !== "/v1/chat/completions") {
      return sendJson(
        res,
        404,
        openAiError(
          `Unknown request URL: ${request.method} ${request.path}`,
          "invalid_request_error",
          "unknown_url",
        ),
      );
    }
    const { model, messages } = request.body;
    if (typeof model !== "string" || !Array.isArray(messages)) {
      return sendJson(
        res,
        400,
        openAiError("'model' and 'messages' are required.", "invalid_request_error", null),
      );
    }
    const answer = await reply();
    if ("hangUp" in answer) {
      res.socket?.destroy();
      return;
    }
    if ("status" in answer) {
      const type =
        answer.status === 429 ? "requests" : answer.status >= 500 ? "server_error" : "invalid_request_error";
      const body = answer.body ?? openAiError(`Fake error ${answer.status}`, type, null);
      return sendJson(res, answer.status, body, retryHeaders(answer));
    }

    const content = "text" in answer ? answer.text : JSON.stringify(answer.output);
    const usage = usageOf(answer, promptText(request.body), content);
    const tokens =
      request.body.logprobs === true
        ? resolveLogprobs("logprobs" in answer ? answer.logprobs : undefined, content)
        : null;
    const wantsTop = typeof request.body.top_logprobs === "number" && request.body.top_logprobs > 0;
    sendJson(
      res,
      200,
      {
        id: `chatcmpl-${randomUUID()}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: ("model" in answer && answer.model) || model,
        choices: [
          {
            index: 0,
            message: { role: "assistant", content, refusal: null, annotations: [] },
            logprobs: tokens && {
              content: tokens.map((t) => ({
                token: t.token,
                logprob: t.logprob,
                bytes: [...Buffer.from(t.token, "utf8")],
                top_logprobs: wantsTop
                  ? [{ token: t.token, logprob: t.logprob, bytes: [...Buffer.from(t.token, "utf8")] }]
                  : [],
              })),
              refusal: null,
            },
            finish_reason: "stop",
          },
        ],
        usage: {
          prompt_tokens: usage.inputTokens,
          completion_tokens: usage.outputTokens,
          total_tokens: usage.inputTokens + usage.outputTokens,
        },
        system_fingerprint: "fp_fake",
      },
      { "x-request-id": `req_${randomUUID()}` },
    );
  });
}

/** A fake of `POST /v1/messages` answering with the forced tool call. */
export function startFakeAnthropic(options: FakeProviderOptions = {}): Promise<FakeProvider> {
  const apiKey = options.apiKey ?? FAKE_API_KEY;
  return startFake("", options, async (request, reply, res) => {
    // The API takes the key as `x-api-key`; SDK 1.x sends it as a Bearer token instead. Both count.
    const { authorization, "x-api-key": xApiKey } = request.headers;
    if (xApiKey !== apiKey && authorization !== `Bearer ${apiKey}`) {
      return sendJson(res, 401, anthropicError("authentication_error", "invalid x-api-key"));
    }
    if (request.method !== "POST" || request.path !== "/v1/messages") {
      return sendJson(
        res,
        404,
        anthropicError("not_found_error", `Not found: ${request.method} ${request.path}`),
      );
    }
    if (!request.headers["anthropic-version"]) {
      return sendJson(
        res,
        400,
        anthropicError("invalid_request_error", "anthropic-version: header is required"),
      );
    }
    const { model, max_tokens: maxTokens, messages, tool_choice: toolChoice } = request.body;
    if (typeof model !== "string" || typeof maxTokens !== "number" || !Array.isArray(messages)) {
      return sendJson(
        res,
        400,
        anthropicError("invalid_request_error", "model, max_tokens and messages are required"),
      );
    }
    const answer = await reply();
    if ("hangUp" in answer) {
      res.socket?.destroy();
      return;
    }
    if ("status" in answer) {
      const type =
        answer.status === 429
          ? "rate_limit_error"
          : answer.status === 529
            ? "overloaded_error"
            : answer.status >= 500
              ? "api_error"
              : "invalid_request_error";
      return sendJson(
        res,
        answer.status,
        answer.body ?? anthropicError(type, `Fake error ${answer.status}`),
        retryHeaders(answer),
      );
    }

    const toolName = isRecord(toolChoice) && typeof toolChoice.name === "string" ? toolChoice.name : "answer";
    const content =
      "text" in answer
        ? [{ type: "text", text: answer.text, citations: null }]
        : [
            {
              type: "tool_use",
              id: `toolu_${randomUUID().replaceAll("-", "")}`,
              name: toolName,
              input: answer.output,
              caller: { type: "direct" },
            },
          ];
    const usage = usageOf(answer, promptText(request.body), JSON.stringify(content));
    sendJson(
      res,
      200,
      {
        id: `msg_${randomUUID().replaceAll("-", "")}`,
        type: "message",
        role: "assistant",
        model: ("model" in answer && answer.model) || model,
        content,
        stop_reason: "text" in answer ? "end_turn" : "tool_use",
        stop_sequence: null,
        stop_details: null,
        container: null,
        diagnostics: null,
        usage: {
          input_tokens: usage.inputTokens,
          output_tokens: usage.outputTokens,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          service_tier: "standard",
        },
      },
      { "request-id": `req_${randomUUID()}` },
    );
  });
}

// The shared server ---------------------------------------------------------------------------------

type Handler = (request: FakeRequest, reply: () => Promise<FakeReply>, res: ServerResponse) => Promise<void>;

async function startFake(
  basePath: string,
  { respond, port: fixedPort = 0 }: FakeProviderOptions,
  handle: Handler,
): Promise<FakeProvider> {
  const requests: FakeRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  /** Sleeps, unless the fake is closed first (then the answer is never sent). */
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const server = createServer(async (req, res) => {
    const rawBody = await readBody(req);
    const request: FakeRequest = {
      method: req.method ?? "GET",
      path: new URL(req.url ?? "/", "http://fake").pathname,
      headers: req.headers,
      rawBody,
      body: parseJsonObject(rawBody),
    };
    requests.push(request);
    const reply = async () => {
      const answer = await fake.respond(request);
      if ("delayMs" in answer && answer.delayMs) await sleep(answer.delayMs);
      return answer;
    };
    try {
      await handle(request, reply, res);
    } catch (error) {
      // A broken script is the test's bug: answer 500 so it shows, rather than hanging the client.
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: "fake_error" } });
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(fixedPort, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;

  const fake: FakeProvider = {
    url: `http://127.0.0.1:${port}${basePath}`,
    requests,
    respond: respond ?? defaultAnswer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
  return fake;
}

// Helpers ---------------------------------------------------------------------------------------------

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseJsonObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : {};
  } catch {
    return {};
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function retryHeaders(error: FakeHttpError): Record<string, string> {
  return error.retryAfter === undefined ? {} : { "retry-after": String(error.retryAfter) };
}

function openAiError(message: string, type: string, code: string | null) {
  return { error: { message, type, param: null, code } };
}

function anthropicError(type: string, message: string) {
  return { type: "error", error: { type, message }, request_id: `req_${randomUUID()}` };
}

/** All text the request sends to the model: the system prompt and every message's content. */
function promptText(body: Record<string, unknown>): string {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  return [body.system, ...messages.map((m: unknown) => (isRecord(m) ? m.content : ""))]
    .map((part) => (typeof part === "string" ? part : JSON.stringify(part ?? "")))
    .join("\n");
}

/**
 * Tokens as a byte-level BPE tokenizer counts them, roughly: plain ASCII text about four characters
 * per token (the rule of thumb for English and German), digits at most three per token (as OpenAI's
 * tokenizers split numbers), and every other character one token per UTF-8 byte, which is what such
 * a tokenizer does with emoji and characters it has no merge for. So dense text really costs more
 * than a characters-per-token estimate says, as it does at the providers.
 */
function estimateTokens(text: string): number {
  let tokens = 0;
  for (const [piece] of text.matchAll(/[0-9]+|[\x00-\x2f\x3a-\x7f]+|[^\x00-\x7f]/gu)) {
    if (/^[0-9]/.test(piece)) tokens += Math.ceil(piece.length / 3);
    else if (piece.charCodeAt(0) < 0x80) tokens += Math.ceil(piece.length / 4);
    else tokens += new TextEncoder().encode(piece).length;
  }
  return Math.max(1, tokens);
}

function usageOf(answer: FakeAnswer | FakeProse, prompt: string, output: string) {
  const usage = "usage" in answer ? answer.usage : undefined;
  return {
    inputTokens: usage?.inputTokens ?? estimateTokens(prompt),
    outputTokens: usage?.outputTokens ?? estimateTokens(output),
  };
}

function resolveLogprobs(logprobs: TokenLogprob[] | "auto" | undefined, content: string): TokenLogprob[] {
  if (Array.isArray(logprobs)) return logprobs;
  // Word-sized pieces whose concatenation is the content, each one nearly certain (p ≈ 0.99).
  const pieces = content.match(/[\p{L}\p{N}_]+|\s+|[^\p{L}\p{N}_\s]/gu) ?? [];
  return pieces.map((token) => ({ token, logprob: -0.01 }));
}
