import "server-only";

import Anthropic, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from "@anthropic-ai/sdk";
import type { ContentBlock, ToolUseBlock } from "@anthropic-ai/sdk/resources/messages";

import {
  ProviderError,
  type ChatRequest,
  type ChatResponse,
  type ProviderClient,
  type ProviderClientOptions,
} from "@/lib/ai/types";

import { toProviderError, type SdkErrors } from "./errors";

/** The options of every provider client (lib/ai/types.ts ProviderClientOptions). */
export type AnthropicClientOptions = ProviderClientOptions;

/**
 * A ProviderClient over the Messages API. Structured output comes from a single tool the model is
 * forced to call: its input is the answer, shaped by the tool's JSON Schema. Anthropic reports no
 * log-probabilities, so `logprobs` is always null and the router relies on the stated confidence.
 */
export function createAnthropicClient(options: AnthropicClientOptions): ProviderClient {
  const sdk = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries ?? 1,
  });

  return {
    provider: "anthropic",
    model: (tier) => options.models[tier],
    async complete(request: ChatRequest): Promise<ChatResponse> {
      // A tool's input is always an object; anything else is a bug in the use case, not the network.
      if (request.jsonSchema.type !== "object") {
        throw new ProviderError("anthropic", "bad_request", `Schema ${request.schemaName} is not an object`);
      }
      const started = performance.now();
      const message = await sdk.messages
        .create(
          {
            model: request.model,
            max_tokens: request.maxOutputTokens,
            system: request.system,
            messages: [{ role: "user", content: request.user }],
            tools: [
              {
                name: request.schemaName,
                description: "Give the answer in exactly this structure.",
                input_schema: { ...request.jsonSchema, type: "object" },
              },
            ],
            tool_choice: { type: "tool", name: request.schemaName },
          },
          { signal: request.signal },
        )
        .catch((error: unknown) => {
          throw toProviderError("anthropic", SDK_ERRORS, error);
        });

      const call = message.content.find(
        (block: ContentBlock): block is ToolUseBlock =>
          block.type === "tool_use" && block.name === request.schemaName,
      );
      if (!call || typeof call.input !== "object" || call.input === null) {
        const why = message.stop_reason === "max_tokens" ? "cut off at the token limit" : "no tool call";
        throw new ProviderError(
          "anthropic",
          "invalid_output",
          `The model gave no structured answer (${why})`,
          {
            usage: { inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens },
            model: message.model,
          },
        );
      }

      return {
        provider: "anthropic",
        model: message.model,
        json: JSON.stringify(call.input),
        usage: { inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens },
        logprobs: null,
        latencyMs: Math.round(performance.now() - started),
      };
    },
  };
}

/** This SDK's error classes, for toProviderError (errors.ts). */
const SDK_ERRORS: SdkErrors = {
  abort: APIUserAbortError,
  timeout: APIConnectionTimeoutError,
  connection: APIConnectionError,
  api: APIError,
};
