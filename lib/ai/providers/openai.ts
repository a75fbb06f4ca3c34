import "server-only";

import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";

import {
  ProviderError,
  type ChatRequest,
  type ChatResponse,
  type ProviderClient,
  type ProviderClientOptions,
} from "@/lib/ai/types";

import { toProviderError, type SdkErrors } from "./errors";

/** The options of every provider client (lib/ai/types.ts ProviderClientOptions). */
export type OpenAiClientOptions = ProviderClientOptions;

/**
 * A ProviderClient over Chat Completions with strict structured output. Chat Completions rather than
 * the Responses API because every OpenAI-compatible server speaks it, and it still returns
 * log-probabilities, which the router uses to calibrate the small model's confidence.
 */
export function createOpenAiClient(options: OpenAiClientOptions): ProviderClient {
  const sdk = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries ?? 1,
  });

  return {
    provider: "openai",
    model: (tier) => options.models[tier],
    async complete(request: ChatRequest): Promise<ChatResponse> {
      const started = performance.now();
      const completion = await sdk.chat.completions
        .create(
          {
            model: request.model,
            messages: [
              { role: "system", content: request.system },
              { role: "user", content: request.user },
            ],
            response_format: {
              type: "json_schema",
              json_schema: { name: request.schemaName, schema: request.jsonSchema, strict: true },
            },
            max_completion_tokens: request.maxOutputTokens,
            ...(request.logprobs && { logprobs: true }),
          },
          { signal: request.signal },
        )
        .catch((error: unknown) => {
          throw toProviderError("openai", SDK_ERRORS, error);
        });

      const choice = completion.choices[0];
      const content = choice?.message.content;
      const usage = {
        inputTokens: completion.usage?.prompt_tokens ?? 0,
        outputTokens: completion.usage?.completion_tokens ?? 0,
      };
      const unusable = (message: string) =>
        new ProviderError("openai", "invalid_output", message, { usage, model: completion.model });
      if (!choice || !content) {
        const why = choice?.message.refusal ? `refused: ${choice.message.refusal}` : "no content";
        throw unusable(`The model gave no answer (${why})`);
      }
      if (choice.finish_reason === "length" || !isJson(content)) {
        throw unusable(
          choice.finish_reason === "length"
            ? "The answer was cut off at the token limit"
            : "The answer is not valid JSON",
        );
      }

      return {
        provider: "openai",
        model: completion.model,
        json: content,
        usage,
        logprobs: request.logprobs
          ? (choice.logprobs?.content?.map(({ token, logprob }) => ({ token, logprob })) ?? null)
          : null,
        latencyMs: Math.round(performance.now() - started),
      };
    },
  };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** This SDK's error classes, for toProviderError (errors.ts). */
const SDK_ERRORS: SdkErrors = {
  abort: APIUserAbortError,
  timeout: APIConnectionTimeoutError,
  connection: APIConnectionError,
  api: APIError,
};
