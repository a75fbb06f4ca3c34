/**
 * Personal data out, placeholders in: before a prompt leaves for an AI provider, e-mail addresses,
 * phone numbers, IBANs, street addresses and the names of our own contacts are replaced by numbered
 * placeholders (`[EMAIL_1]`, `[NAME_2]`, …), and `restore` puts the originals back into the answer.
 * The same value always gets the same placeholder, so the model can still tell who is who.
 *
 * Pure string work, no I/O. It errs on the side of scrubbing: a false positive costs the model a
 * little context and is restored afterwards; a miss sends personal data to a third party.
 */

export const PII_KINDS = ["IBAN", "EMAIL", "ADDRESS", "PHONE", "NAME"] as const;
export type TPiiKind = (typeof PII_KINDS)[number];

export interface ScrubOptions {
  /** Names from our own contact records ("Vorname Nachname" or a single name). */
  names?: readonly string[];
}

export interface ScrubResult {
  text: string;
  /** How many distinct values of each kind were replaced. */
  found: Readonly<Record<TPiiKind, number>>;
  /** Puts the originals back into every string of a JSON value (objects and arrays, at any depth). */
  restore<T>(value: T): T;
}

export function scrubPii(text: string, options: ScrubOptions = {}): ScrubResult {
  const vault = new Vault(text);
  let segments: Segment[] = [{ text, locked: false }];

  // Order matters: an IBAN's digit groups would pass for a phone number, an e-mail address may hold
  // a name, and a postcode is five digits; so the longer, more specific shapes go first and lock
  // what they matched against the later passes.
  segments = applyPass(segments, (s) => findIbans(s, vault));
  segments = applyPass(segments, (s) =>
    findMatches(s, EMAIL, (m) => vault.placeholder("EMAIL", m, m.toLowerCase())),
  );
  segments = applyPass(segments, (s) =>
    findMatches(s, ADDRESS, (m) => vault.placeholder("ADDRESS", m, m.toLowerCase().replace(/\s+/g, " "))),
  );
  segments = applyPass(segments, (s) => findPhones(s, vault));
  const names = namePattern(options.names ?? []);
  if (names) {
    segments = applyPass(segments, (s) =>
      findMatches(s, names.pattern, (m) => vault.placeholder("NAME", m, names.keyOf(m))),
    );
  }

  return {
    text: segments.map((s) => s.text).join(""),
    found: vault.counts(),
    restore: (value) => vault.restore(value),
  };
}

// Placeholders --------------------------------------------------------------------------------------

const PLACEHOLDER = /\[(?:IBAN|EMAIL|ADDRESS|PHONE|NAME)_\d+\]/g;

/** The placeholders handed out, both ways round. */
class Vault {
  private readonly byKey = new Map<string, string>();
  private readonly originals = new Map<string, string>();
  private readonly next: Record<TPiiKind, number> = { IBAN: 1, EMAIL: 1, ADDRESS: 1, PHONE: 1, NAME: 1 };

  /** `source` is the text being scrubbed: a placeholder that already stands in it is never handed out. */
  constructor(private readonly source: string) {}

  /** The placeholder of `original`; `key` says which spellings count as the same value. */
  placeholder(kind: TPiiKind, original: string, key: string): string {
    const known = this.byKey.get(`${kind}:${key}`);
    if (known) return known;
    let placeholder: string;
    do {
      placeholder = `[${kind}_${this.next[kind]++}]`;
    } while (this.source.includes(placeholder));
    this.byKey.set(`${kind}:${key}`, placeholder);
    this.originals.set(placeholder, original);
    return placeholder;
  }

  counts(): Record<TPiiKind, number> {
    const counts: Record<TPiiKind, number> = { IBAN: 0, EMAIL: 0, ADDRESS: 0, PHONE: 0, NAME: 0 };
    for (const key of this.byKey.keys()) counts[key.slice(0, key.indexOf(":")) as TPiiKind]++;
    return counts;
  }

  restore<T>(value: T): T {
    return this.walk(value) as T;
  }

  private walk(value: unknown): unknown {
    if (typeof value === "string") {
      return value.replace(PLACEHOLDER, (placeholder) => this.originals.get(placeholder) ?? placeholder);
    }
    if (Array.isArray(value)) return value.map((item) => this.walk(item));
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.walk(item)]));
    }
    return value;
  }
}

// Passes --------------------------------------------------------------------------------------------

/** A stretch of the text; locked ones (placeholders, protected look-alikes) are skipped by later passes. */
interface Segment {
  text: string;
  locked: boolean;
}

/** A span found in a segment and what replaces it (the same text, to merely protect it). */
interface Hit {
  start: number;
  end: number;
  replacement: string;
}

function applyPass(segments: Segment[], find: (text: string) => Hit[]): Segment[] {
  return segments.flatMap((segment) => {
    if (segment.locked) return [segment];
    const out: Segment[] = [];
    let at = 0;
    for (const hit of find(segment.text)) {
      if (hit.start > at) out.push({ text: segment.text.slice(at, hit.start), locked: false });
      out.push({ text: hit.replacement, locked: true });
      at = hit.end;
    }
    if (at < segment.text.length) out.push({ text: segment.text.slice(at), locked: false });
    return out;
  });
}

/** `text` as a literal inside a RegExp. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function findMatches(text: string, pattern: RegExp, replace: (match: string) => string | null): Hit[] {
  const hits: Hit[] = [];
  for (const match of text.matchAll(pattern)) {
    const replacement = replace(match[0]);
    if (replacement !== null) {
      hits.push({ start: match.index, end: match.index + match[0].length, replacement });
    }
  }
  return hits;
}

// E-mail --------------------------------------------------------------------------------------------

// Starts only where a run of address characters starts: without the look-behind, a long run with no
// "@" would be tried again from each of its characters (quadratic time on a pasted wall of text).
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

// IBAN ----------------------------------------------------------------------------------------------

/** Where an IBAN may start: country code and check digits, at the start of a word. */
const IBAN_START = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}/gu;

const isIbanChar = (char: string | undefined) => char !== undefined && /[A-Z0-9]/.test(char);

/**
 * IBANs as printed (capitals, in groups of four or run together). Only those whose ISO 13616 checksum holds are replaced;
 * an IBAN-shaped string with a wrong checksum stays as written but is locked, so that its digit
 * groups are not mistaken for a phone number later.
 */
function findIbans(text: string, vault: Vault): Hit[] {
  const hits: Hit[] = [];
  for (const match of text.matchAll(IBAN_START)) {
    const start = match.index;
    if (hits.length > 0 && start < hits[hits.length - 1].end) continue;
    // The candidate's characters (at most 34) and where each one ends in the text.
    const chars: string[] = [];
    const ends: number[] = [];
    for (let i = start; i < text.length && chars.length < 34; i++) {
      if (isIbanChar(text[i])) {
        chars.push(text[i]);
        ends.push(i + 1);
      } else if (text[i] !== " " || !isIbanChar(text[i + 1])) {
        break; // a single space between groups belongs to the IBAN, anything else ends it
      }
    }
    if (chars.length < 15) continue;
    // The longest prefix that ends at a word boundary and passes the checksum (a following word in
    // capitals, like "BIC", may have been swept up).
    let found = 0;
    for (let length = chars.length; length >= 15 && !found; length--) {
      const atBoundary = !/[\p{L}\p{N}]/u.test(text[ends[length - 1]] ?? "");
      if (atBoundary && ibanChecksumValid(chars.slice(0, length).join(""))) found = length;
    }
    const end = ends[(found || chars.length) - 1];
    const original = text.slice(start, end);
    const replacement = found
      ? vault.placeholder("IBAN", original, chars.slice(0, found).join(""))
      : original;
    hits.push({ start, end, replacement });
  }
  return hits;
}

/** ISO 13616: move the first four characters to the end, letters to numbers (A = 10), mod 97 = 1. */
export function ibanChecksumValid(iban: string): boolean {
  const compact = iban.replace(/\s+/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  let remainder = 0;
  for (const char of compact.slice(4) + compact.slice(0, 4)) {
    const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

// Addresses -----------------------------------------------------------------------------------------

const STREET_SUFFIXES = [
  "straße",
  "strasse",
  "str.",
  "weg",
  "platz",
  "allee",
  "gasse",
  "damm",
  "ufer",
  "chaussee",
  "steig",
  "stieg",
  "pfad",
  "markt",
  "wall",
  "graben",
  "kai",
  "promenade",
];
/** A suffix in any case at the end of a compound ("Hauptstraße", "Karl-Marx-Str."). */
const suffixAnyCase = STREET_SUFFIXES.map((s) => `[${s[0]}${s[0].toUpperCase()}]${escape(s.slice(1))}`).join(
  "|",
);
/** A suffix standing alone as a word ("Lange Straße", "Am Markt"). */
const suffixAlone = STREET_SUFFIXES.map((s) => s[0].toUpperCase() + escape(s.slice(1))).join("|");
const PREPOSITION = String.raw`(?:Am|An der|An den|Auf der|Auf dem|Im|In der|In den|Zum|Zur|Unter den|Hinter der|Hinter dem|Vor dem|Beim)\s+`;
const CAPITALISED = String.raw`\p{Lu}[\p{L}-]*`;
const STREET_NAME =
  String.raw`(?:${PREPOSITION})?` +
  String.raw`(?:\p{Lu}[\p{L}-]*?(?:${suffixAnyCase})|(?:\p{Lu}\p{Ll}+(?:e|er|es|en)\s+)?(?:${suffixAlone}))`;
const HOUSE_NUMBER = String.raw`\s*\d{1,4}(?:\s?[a-zA-Z](?!\p{L}))?(?:\s?[-–/]\s?\d{1,4}(?:\s?[a-zA-Z](?!\p{L}))?)?(?![\p{L}\p{N}])`;
const POSTCODE_CITY = String.raw`,?\s+\d{5}\s+${CAPITALISED}(?:\s+(?:am|an der|im|in der)\s+${CAPITALISED})?`;

/**
 * German street addresses: street and house number, with postcode and city when they follow.
 * A street named without a street word ("Unter den Linden 77") only counts with a postcode, since
 * "Im Jahr 2024" has the same shape.
 */
const ADDRESS = new RegExp(
  String.raw`(?<![\p{L}\p{N}-])(?:` +
    String.raw`${STREET_NAME}${HOUSE_NUMBER}(?:${POSTCODE_CITY})?` +
    String.raw`|${PREPOSITION}${CAPITALISED}(?:\s+${CAPITALISED})?${HOUSE_NUMBER}${POSTCODE_CITY})`,
  "gu",
);

// Phone numbers -------------------------------------------------------------------------------------

const SEPARATOR = String.raw`[ \t\-./]`;
/** Digit groups after the prefix; a trailing "-0" extension counts too. */
const SUBSCRIBER = String.raw`\d+(?:${SEPARATOR}?\d{2,}|-\d{1,4}(?!\d))*`;
const PHONE = new RegExp(
  String.raw`(?<![\p{L}\p{N}+])(?:` +
    // International: +49 30 1234567, +49 (0)171 1234567, 0049 89 123456.
    String.raw`(?:\+[1-9]\d{0,2}|00(?:49|43|41))${SEPARATOR}*(?:\(0\)${SEPARATOR}*)?${SUBSCRIBER}` +
    // National: 030 1234567, 0171/1234567, (089) 12 34 56.
    String.raw`|(?:\(0\d{2,5}\)|0\d{2,5})${SEPARATOR}*${SUBSCRIBER}` +
    String.raw`)(?!\p{N})`,
  "gu",
);

/** Phone numbers; +49 and 0 spellings of one number share a placeholder. */
function findPhones(text: string, vault: Vault): Hit[] {
  return findMatches(text, PHONE, (match) => {
    const digits = match.replace(/\(0\)/, "").replace(/\D/g, "");
    if (digits.length < 7 || digits.length > 15) return null;
    const national = match.startsWith("+49")
      ? `0${digits.slice(2)}`
      : match.startsWith("0049")
        ? `0${digits.slice(4)}`
        : digits;
    return vault.placeholder("PHONE", match, national);
  });
}

// Names ---------------------------------------------------------------------------------------------

/**
 * One pattern for all names, longest spelling first: "Max Mustermann", "Mustermann, Max", and each
 * part alone ("Herr Mustermann", "Hallo Max"). Every spelling of a name maps to the same key.
 */
function namePattern(names: readonly string[]): { pattern: RegExp; keyOf: (match: string) => string } | null {
  const keys = new Map<string, string>();
  for (const name of names) {
    // Initials and titles ("M.", "Dr.") would match far too much on their own.
    const parts = name
      .trim()
      .split(/\s+/)
      .filter((part) => part.length >= 2 && !part.endsWith("."));
    if (parts.length === 0) continue;
    const full = parts.join(" ").toLowerCase();
    keys.set(full, full);
    if (parts.length > 1) {
      keys.set(`${parts[parts.length - 1]}, ${parts.slice(0, -1).join(" ")}`.toLowerCase(), full);
      for (const part of parts) {
        const key = part.toLowerCase();
        if (!keys.has(key)) keys.set(key, key);
      }
    }
  }
  if (keys.size === 0) return null;

  const spellings = [...keys.keys()].sort((a, b) => b.length - a.length);
  const alternatives = spellings.map((s) =>
    escape(s).replace(/,? /g, (sep) => (sep === " " ? String.raw`\s+` : String.raw`,\s*`)),
  );
  return {
    pattern: new RegExp(String.raw`(?<![\p{L}\p{N}_])(?:${alternatives.join("|")})(?![\p{L}\p{N}_])`, "giu"),
    keyOf: (match) => {
      const spelling = match
        .toLowerCase()
        .replace(/\s*,\s*/, ", ")
        .replace(/\s+/g, " ");
      return keys.get(spelling) ?? spelling;
    },
  };
}
