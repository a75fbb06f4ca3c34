import { XMLParser } from "fast-xml-parser";

/**
 * SOAP 1.1 as all-inkl's KAS speaks it (rpc/encoded, PHP's SoapServer): a request is one `Params`
 * string holding JSON; an answer is a string (KasAuth: the session token) or a PHP array encoded as
 * `ns2:Map` (`item` elements with `key` and `value`) or `SOAP-ENC:Array` (`item` elements); an error
 * is a SOAP fault whose faultstring is a code (flood_protection, email_already_exists, …). Shared by
 * the client and the test fake, so both speak the same envelope.
 */

export const SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
export const KAS_AUTH_NS = "urn:xmethodsKasApiAuthentication";
export const KAS_API_NS = "urn:xmethodsKasApi";

const escape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function envelope(namespace: string, body: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP_ENV}" xmlns:ns1="${namespace}"` +
    ` xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
    ` xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns2="http://xml.apache.org/xml-soap"` +
    ` SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">` +
    `<SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>`
  );
}

/** A request: `<ns1:{method}><Params xsi:type="xsd:string">{json}</Params></ns1:{method}>`. */
export function soapRequest(namespace: string, method: "KasAuth" | "KasApi", params: unknown): string {
  return envelope(
    namespace,
    `<ns1:${method}><Params xsi:type="xsd:string">${escape(JSON.stringify(params))}</Params></ns1:${method}>`,
  );
}

/** A value as PHP's SoapServer encodes it: strings, numbers, booleans, arrays and maps. */
export function encodeValue(value: unknown, tag = "value"): string {
  if (value === null || value === undefined) return `<${tag} xsi:nil="true"/>`;
  if (Array.isArray(value)) {
    return (
      `<${tag} SOAP-ENC:arrayType="ns2:Map[${value.length}]" xsi:type="SOAP-ENC:Array">` +
      value.map((item) => encodeValue(item, "item")).join("") +
      `</${tag}>`
    );
  }
  if (typeof value === "object") {
    const items = Object.entries(value as Record<string, unknown>)
      .map(([key, v]) => `<item><key xsi:type="xsd:string">${escape(key)}</key>${encodeValue(v)}</item>`)
      .join("");
    return `<${tag} xsi:type="ns2:Map">${items}</${tag}>`;
  }
  const type = typeof value === "number" ? (Number.isInteger(value) ? "xsd:int" : "xsd:float") : "xsd:string";
  return `<${tag} xsi:type="${type}">${escape(String(value))}</${tag}>`;
}

export function soapResponse(namespace: string, method: "KasAuth" | "KasApi", value: unknown): string {
  return envelope(
    namespace,
    `<ns1:${method}Response>${encodeValue(value, "return")}</ns1:${method}Response>`,
  );
}

export function soapFault(code: string, actor: string): string {
  return envelope(
    KAS_API_NS,
    `<SOAP-ENV:Fault><faultcode>SOAP-ENV:Server</faultcode><faultstring>${escape(code)}</faultstring>` +
      `<faultactor>${escape(actor)}</faultactor></SOAP-ENV:Fault>`,
  );
}

const parser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => name === "item",
});

type Node = Record<string, unknown>;

/** A decoded value: maps become objects (with a null prototype), arrays arrays, the rest strings. */
export function decodeValue(node: unknown): unknown {
  if (node === null || node === undefined || node === "") return typeof node === "string" ? "" : null;
  if (typeof node !== "object") return String(node);
  const n = node as Node;
  if (n["@_nil"] === "true") return null;
  const items = n.item as Node[] | undefined;
  if (items) {
    if (items.length > 0 && items.every((item) => "key" in item)) {
      const map = Object.create(null) as Record<string, unknown>;
      for (const item of items) map[String(decodeValue(item.key))] = decodeValue(item.value);
      return map;
    }
    return items.map((item) => decodeValue(item));
  }
  if ("#text" in n) return String(n["#text"]);
  // An element without items or text: an empty map, array or string.
  return String(n["@_type"] ?? "").includes("Map") || String(n["@_type"] ?? "").includes("Array") ? [] : "";
}

export type SoapAnswer = { fault: { code: string; actor: string } } | { value: unknown };

/** A SOAP answer's fault, or its return value decoded. */
export function parseSoapAnswer(xml: string): SoapAnswer {
  const doc = parser.parse(xml) as Node;
  const body = (doc.Envelope as Node | undefined)?.Body as Node | undefined;
  if (!body) throw new Error("not a SOAP envelope");
  if (body.Fault) {
    const fault = body.Fault as Node;
    return {
      fault: {
        code: String(decodeValue(fault.faultstring)),
        actor: String(decodeValue(fault.faultactor) ?? ""),
      },
    };
  }
  const response = Object.values(body).find((v) => typeof v === "object" && v !== null) as Node | undefined;
  if (!response || !("return" in response)) throw new Error("a SOAP answer without a return value");
  return { value: decodeValue(response.return) };
}

/** A request's method and its Params decoded from JSON (the fake's side). */
export function parseSoapRequest(xml: string): { method: string; params: Record<string, unknown> } {
  const doc = parser.parse(xml) as Node;
  const body = (doc.Envelope as Node | undefined)?.Body as Node | undefined;
  if (!body) throw new Error("not a SOAP envelope");
  const [method, call] = Object.entries(body)[0] ?? [];
  const raw = decodeValue((call as Node | undefined)?.Params);
  return { method: method ?? "", params: JSON.parse(String(raw ?? "{}")) as Record<string, unknown> };
}
