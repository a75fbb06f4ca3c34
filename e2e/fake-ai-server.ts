// The fake OpenAI for the browser tests' AI server (playwright.config.ts starts it first): the
// wire-format fake of test/fakes/ai-providers.ts on a fixed port, answering the help's use cases as
// a deterministic model (test/fakes/help-model.ts). It runs until Playwright stops it.
import { FAKE_API_KEY, startFakeOpenAI } from "../test/fakes/ai-providers";
import { helpModel } from "../test/fakes/help-model";

import { E2E_FAKE_OPENAI_PORT } from "./env";

const fake = await startFakeOpenAI({ apiKey: FAKE_API_KEY, port: E2E_FAKE_OPENAI_PORT, respond: helpModel });
console.log(`fake OpenAI listening on ${fake.url}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void fake.close().then(() => process.exit(0)));
}
