import { expect, test, type APIRequest, type APIRequestContext, type TestInfo } from "@playwright/test";

import { E2E_AI_URL } from "./env";
import { apiMember, signIn, uniqueTag, visit } from "./helpers";

// The help's editorial journey with AI (issue 14), on the server whose provider is the fake OpenAI
// (e2e/fake-ai-server.ts, a deterministic model: test/fakes/help-model.ts). A manager finds an
// article despite a typo, asks a question it answers (the answer cites it), asks one nothing
// covers, finds that question among the content gaps, drafts an article on it with AI and submits
// the draft; publishing needs another editor (four eyes), after which the search finds it.

test.use({ baseURL: E2E_AI_URL });

/** A word no other article has: the search treats digits and hyphens as words of their own. */
const uniqueWord = (prefix: string) =>
  prefix + Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");

const manager = (request: APIRequest, testInfo: TestInfo) =>
  apiMember(request, testInfo, "manager", { name: "Journey manager", baseURL: E2E_AI_URL });

test("a manager closes a content gap with an AI draft that another editor publishes", async ({
  page,
  browser,
  playwright,
}, testInfo) => {
  // Seven steps in two browser contexts on a server of its own: about a minute on a busy 2-core
  // machine (the final rehearsal ran out of the default 60 s at its last step).
  test.slow();
  const [author, reviewer, seeder] = [
    await manager(playwright.request, testInfo),
    await manager(playwright.request, testInfo),
    await manager(playwright.request, testInfo),
  ];

  // A published article (written and published through the API by two other editors).
  const title = `Kühlkettenprotokoll ${uniqueTag(testInfo)}`;
  const body =
    "Die Temperatur jeder Kühlbox müssen Sie vor der Abfahrt ins Kühlkettenprotokoll eintragen. " +
    "Danach speichern Sie das Protokoll in der Tour.";
  const created = await seeder.api.post("/api/v1/help/articles", {
    data: { space: "enduser", locale: "de", title, bodyMd: body },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const step = (api: APIRequestContext, action: string) =>
    api.post(`/api/v1/help/articles/${id}/transitions`, { data: { action } });
  expect((await step(seeder.api, "submit")).status()).toBe(200);
  expect((await step(reviewer.api, "publish")).status()).toBe(200);

  // A typo still finds it.
  await signIn(page, author);
  await visit(page, "/e2e-alpha/help?tab=search");
  await page.getByLabel("Hilfe durchsuchen").fill("Kühlketenprotokol");
  await page.getByRole("button", { name: "Suchen" }).click();
  await expect(page.getByRole("link", { name: title })).toBeVisible();

  // A question the article answers: the answer rests on it and links it.
  const ask = page.getByRole("region", { name: "Frage an die Hilfe" });
  const askHelp = async (question: string) => {
    await page.getByLabel("Ihre Frage").fill(question);
    await page.getByRole("button", { name: "Fragen", exact: true }).click();
  };
  await page.getByRole("tab", { name: "Fragen" }).click();
  await askHelp("Wie kann ich die Temperatur ins Kühlkettenprotokoll eintragen?");
  await expect(ask.getByText(body)).toBeVisible();
  await expect(
    ask.getByText("Von der KI aus den Hilfeartikeln beantwortet.", { exact: false }),
  ).toBeVisible();
  await ask.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/e2e-alpha/help/articles/${id}$`));
  await expect(page.getByLabel("Titel")).toHaveValue(title);

  // A question nothing covers: the help says so.
  const word = uniqueWord("Zoll");
  const question = `Wo finde ich die Zollpapiere für ${word}?`;
  await visit(page, "/e2e-alpha/help?tab=ask");
  await askHelp(question);
  await expect(ask.getByText("Dazu enthält die Hilfe noch nichts.", { exact: false })).toBeVisible();
  await expect(ask.getByRole("link")).toHaveCount(0);

  // The unanswered question is a content gap; Draft with AI writes an article on it.
  // It is listed as it was asked (not lower-cased), and the draft's title keeps its capitals.
  await visit(page, "/e2e-alpha/help?tab=gaps");
  await expect(page.getByRole("heading", { name: "Suchen und Fragen ohne Antwort" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: question });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell", { name: question, exact: true })).toBeVisible();
  await row.getByRole("button", { name: `Mit KI einen Artikel zu „${question}“ entwerfen` }).click();
  await expect(page).toHaveURL(/\/e2e-alpha\/help\/articles\/[0-9a-f-]{36}$/);
  const draftUrl = new URL(page.url()).pathname;
  const draftTitle = `Wo finde ich die Zollpapiere für ${word}`;
  await expect(page.getByRole("heading", { level: 1, name: draftTitle })).toBeVisible();
  await expect(page.getByLabel("Titel")).toHaveValue(draftTitle);
  await expect(page.getByText("Entwurf", { exact: true })).toBeVisible();
  const preview = page.getByRole("region", { name: "Vorschau" });
  await expect(preview.getByRole("heading", { name: "Schritte" })).toBeVisible();
  await expect(preview.getByText("[TODO: Wo fängt man in der App an?]")).toBeVisible();
  await expect(preview.getByRole("heading", { name: "Gefragt wurde" })).toBeVisible();
  await expect(preview.getByRole("listitem").filter({ hasText: question })).toBeVisible();

  // The author submits it for review, but may not publish it.
  await page.getByRole("button", { name: "Zur Prüfung einreichen" }).click();
  await expect(page.getByText("In Prüfung", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Veröffentlichen" })).toBeDisabled();
  await expect(
    page.getByText("Sie haben die letzte Version geschrieben; veröffentlichen muss jemand anderes."),
  ).toBeVisible();

  // Another editor publishes it.
  const other = await browser.newContext({
    baseURL: E2E_AI_URL,
    locale: "de-DE",
    timezoneId: "Europe/Berlin",
  });
  try {
    const second = await other.newPage();
    await signIn(second, reviewer);
    await visit(second, draftUrl);
    await expect(second.getByLabel("Titel")).toHaveValue(draftTitle);
    await second.getByRole("button", { name: "Veröffentlichen" }).click();
    await expect(second.getByText("Veröffentlicht", { exact: true })).toBeVisible();
  } finally {
    await other.close();
  }

  // Now the search finds it (the search shows published articles only).
  await visit(page, "/e2e-alpha/help?tab=search");
  await page.getByLabel("Hilfe durchsuchen").fill(`Zollpapiere ${word}`);
  await page.getByRole("button", { name: "Suchen" }).click();
  await expect(page.getByRole("link", { name: draftTitle })).toBeVisible();
});
