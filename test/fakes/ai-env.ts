import { resetProviderClients } from "@/lib/ai/providers";
import { setTestEnv } from "@/test/env";

import { FAKE_API_KEY, startFakeAnthropic, startFakeOpenAI, type FakeProvider } from "./ai-providers";

/**
 * Both fake providers, configured as the environment would configure real ones (keys and base
 * URLs), so code that builds its clients from env() — the API route, the lead brief — talks to
 * them unchanged. Call it before anything reads the environment (lib/env.ts parses it once).
 */
export async function startFakeProvidersAsEnv(): Promise<{
  openai: FakeProvider;
  anthropic: FakeProvider;
  close(): Promise<void>;
}> {
  const openai = await startFakeOpenAI();
  const anthropic = await startFakeAnthropic();
  setTestEnv({
    OPENAI_API_KEY: FAKE_API_KEY,
    OPENAI_BASE_URL: openai.url,
    ANTHROPIC_API_KEY: FAKE_API_KEY,
    ANTHROPIC_BASE_URL: anthropic.url,
  });
  resetProviderClients();
  return {
    openai,
    anthropic,
    close: async () => void (await Promise.all([openai.close(), anthropic.close()])),
  };
}
