import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { FAKE_API_KEY, startFakeOpenAI, type FakeProvider } from "@/test/fakes/ai-providers";

import { ibanChecksumValid, scrubPii } from "./pii";
import { createOpenAiClient } from "./providers/openai";

function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}

/** The placeholder that stands for `original` in a scrub result. */
function placeholderOf(result: ReturnType<typeof scrubPii>, original: string): string | undefined {
  return result.text.match(/\[[A-Z]+_\d+\]/g)?.find((p) => result.restore(p) === original);
}

describe("scrubPii", () => {
  it("replaces e-mail addresses, the same address by the same placeholder", () => {
    const result = scrubPii(
      "Von max.mustermann@example.de an Einkauf@Firma-GmbH.com, cc MAX.MUSTERMANN@EXAMPLE.DE",
    );
    expect(result.text).toBe("Von [EMAIL_1] an [EMAIL_2], cc [EMAIL_1]");
    expect(result.found.EMAIL).toBe(2);
  });

  it.each([
    ["+49 30 1234567"],
    ["+49 (0)171 1234567"],
    ["+491711234567"],
    ["0049 89 123456"],
    ["030 1234567"],
    ["030-1234567"],
    ["0171/1234567"],
    ["(089) 12 34 56"],
    ["030 123456-0"],
  ])("replaces the phone number %s", (phone) => {
    const result = scrubPii(`Bitte rufen Sie ${phone} an.`);
    expect(result.text).toBe("Bitte rufen Sie [PHONE_1] an.");
    expect(result.restore(result.text)).toBe(`Bitte rufen Sie ${phone} an.`);
  });

  it("gives the +49 and the national spelling of one number one placeholder", () => {
    expect(scrubPii("+49 30 1234567 oder 030 1234567").text).toBe("[PHONE_1] oder [PHONE_1]");
  });

  it("leaves dates, postcodes, amounts and short numbers alone", () => {
    const text =
      "Bestellung vom 01.03.2024, Lager 01067 Dresden, 250 Stück à 0,50 €, Artikel 0815, Menge 1234567.";
    expect(scrubPii(text).text).toBe(text);
  });

  it("replaces IBANs with a valid checksum, grouped or run together", () => {
    const result = scrubPii(
      "IBAN DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX; dieselbe DE89370400440532013000; UK GB82 WEST 1234 5698 7654 32.",
    );
    expect(result.text).toBe("IBAN [IBAN_1] BIC COBADEFFXXX; dieselbe [IBAN_1]; UK [IBAN_2].");
    expect(result.restore("[IBAN_1]")).toBe("DE89 3704 0044 0532 0130 00");
  });

  it("leaves an IBAN with a wrong checksum as written, and does not read its digits as a phone number", () => {
    const text = "Falsch: DE89 3704 0044 0532 0130 01 und DE00370400440532013000.";
    const result = scrubPii(text);
    expect(result.text).toBe(text);
    expect(result.found).toMatchObject({ IBAN: 0, PHONE: 0 });
  });

  it("checks IBANs by ISO 13616 mod 97", () => {
    expect(ibanChecksumValid("DE89 3704 0044 0532 0130 00")).toBe(true);
    expect(ibanChecksumValid("de89370400440532013000")).toBe(true);
    expect(ibanChecksumValid("NL91ABNA0417164300")).toBe(true);
    expect(ibanChecksumValid("DE89 3704 0044 0532 0130 01")).toBe(false);
    expect(ibanChecksumValid("DE89")).toBe(false);
  });

  it.each([
    ["Musterstraße 12", "Musterstraße 12"],
    ["Hauptstr. 5a", "Hauptstr. 5a"],
    ["Am Markt 3, 10115 Berlin", "Am Markt 3, 10115 Berlin"],
    ["Karl-Marx-Allee 34-36", "Karl-Marx-Allee 34-36"],
    ["Berliner Straße 7 b, 60311 Frankfurt am Main", "Berliner Straße 7 b, 60311 Frankfurt am Main"],
    ["Unter den Linden 77, 10117 Berlin", "Unter den Linden 77, 10117 Berlin"],
    ["Gartenweg 3 in Köln", "Gartenweg 3"],
  ])("replaces the address in %s", (text, address) => {
    const result = scrubPii(`Lieferung: ${text}.`);
    expect(result.text).toBe(`Lieferung: ${text.replace(address, "[ADDRESS_1]")}.`);
    expect(result.restore("[ADDRESS_1]")).toBe(address);
  });

  it("does not take a time or a count for an address", () => {
    const text = "Im Jahr 2024 kamen 12 Kunden. Am Freitag 12 Uhr.";
    expect(scrubPii(text).text).toBe(text);
  });

  it("replaces our contacts' names whole-word and in any case, full name and parts", () => {
    const result = scrubPii(
      "Max Mustermann schrieb. Herr MUSTERMANN und Mustermann, Max. Maximilian bleibt, Erika Musterfrau antwortet, erika auch.",
      { names: ["Max Mustermann", "Erika Musterfrau"] },
    );
    expect(result.text).toBe(
      "[NAME_1] schrieb. Herr [NAME_2] und [NAME_1]. Maximilian bleibt, [NAME_3] antwortet, [NAME_4] auch.",
    );
    expect(result.found.NAME).toBe(4);
  });

  it("does not scrub a title or an initial on its own", () => {
    const result = scrubPii("Dr. Max Mustermann, M. Mustermann und Dr. Weber", {
      names: ["Dr. Max M. Mustermann"],
    });
    expect(result.text).toBe("Dr. [NAME_1], M. [NAME_2] und Dr. Weber");
  });

  it("never hands out a placeholder that already stands in the text", () => {
    const result = scrubPii("Vorlage [EMAIL_1]: an a@b.de", {});
    expect(result.text).toBe("Vorlage [EMAIL_1]: an [EMAIL_2]");
    expect(result.restore(result.text)).toBe("Vorlage [EMAIL_1]: an a@b.de");
  });

  it("restores the originals in every string of a JSON value", () => {
    const text =
      "Max Mustermann (max@example.de, 0171/1234567) wohnt Musterstraße 12, IBAN DE89370400440532013000.";
    const result = scrubPii(text, { names: ["Max Mustermann"] });
    const answer = {
      summary: `Kunde ${placeholderOf(result, "Max Mustermann")} bittet um Rückruf`,
      contacts: [
        { email: placeholderOf(result, "max@example.de"), phone: placeholderOf(result, "0171/1234567") },
      ],
      nested: { where: [placeholderOf(result, "Musterstraße 12"), 3, null, true] },
      untouched: "[NAME_99] bleibt",
    };

    expect(result.restore(result.text)).toBe(text);
    expect(result.restore(answer)).toEqual({
      summary: "Kunde Max Mustermann bittet um Rückruf",
      contacts: [{ email: "max@example.de", phone: "0171/1234567" }],
      nested: { where: ["Musterstraße 12", 3, null, true] },
      untouched: "[NAME_99] bleibt",
    });
  });
});

describe("a scrubbed prompt on the wire", () => {
  let fake: FakeProvider;
  beforeAll(async () => {
    fake = await startFakeOpenAI({
      respond: () => ({ output: { reply: "Rückruf an [NAME_1] unter [PHONE_1]" } }),
    });
  });
  afterAll(() => fake.close());

  it("carries none of the personal data to the provider, and the answer is restored", async () => {
    const fixture = {
      names: ["Max Mustermann", "Erika Musterfrau"],
      emails: ["max.mustermann@example.de", "e.musterfrau@freshplan-kunde.de"],
      phones: ["+49 30 1234567", "0171/1234567", "(089) 12 34 56"],
      iban: "DE89 3704 0044 0532 0130 00",
      address: "Musterstraße 12, 10115 Berlin",
    };
    const prompt =
      `Neue Anfrage von ${fixture.names[0]} (${fixture.emails[0]}, Tel. ${fixture.phones[0]}, mobil ` +
      `${fixture.phones[1]}). Lieferung an ${fixture.address}. Rechnung per Lastschrift von ${fixture.iban}. ` +
      `Rückfragen an ${fixture.names[1]}, ${fixture.emails[1]}, Büro ${fixture.phones[2]}. Gruß, Mustermann`;
    const scrubbed = scrubPii(prompt, { names: fixture.names });

    const client = createOpenAiClient({
      apiKey: FAKE_API_KEY,
      baseURL: fake.url,
      timeoutMs: 5_000,
      models: { small: "gpt-test-mini", large: "gpt-test" },
    });
    const response = await client.complete({
      model: "gpt-test-mini",
      system: "Fasse die Anfrage zusammen.",
      user: scrubbed.text,
      schemaName: "summary",
      jsonSchema: { type: "object", properties: { reply: { type: "string" } }, required: ["reply"] },
      maxOutputTokens: 200,
      logprobs: false,
    });

    expect(fake.requests).toHaveLength(1);
    const raw = fake.requests[0].rawBody;
    const values = [...fixture.names, ...fixture.names.flatMap((n) => n.split(" ")), ...fixture.emails];
    values.push(...fixture.phones, fixture.iban, fixture.iban.replaceAll(" ", ""), fixture.address);
    values.push("Musterstraße", "10115", "1234567", "12 34 56", "3704");
    // The raw bytes, and every string in the parsed body (in case an escape hid a value in the raw).
    const texts = [raw, ...stringsIn(fake.requests[0].body)];
    for (const value of values) {
      const wholeWord = new RegExp(
        `(?<![\\p{L}\\p{N}_])${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}_])`,
        "iu",
      );
      for (const text of texts) expect(text, value).not.toMatch(wholeWord);
    }
    expect(raw).toContain("[NAME_1]");

    expect(scrubbed.restore(JSON.parse(response.json))).toEqual({
      reply: "Rückruf an Max Mustermann unter +49 30 1234567",
    });
  });
});
