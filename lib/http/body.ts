import "server-only";

import { NextRequest } from "next/server";

import { AppError } from "@/lib/errors";

const MEGABYTE = 1024 * 1024;

/** The largest JSON body a route reads unless it names another limit: far above any form's. */
export const JSON_BODY_LIMIT = MEGABYTE;

/**
 * A request's body, read from its stream up to `limit` bytes: a larger one is refused (413) as soon
 * as that is known, by its Content-Length before reading or while reading, so no more than the limit
 * is ever held in memory.
 */
export async function readBodyBytes(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  if (Number(request.headers.get("content-length")) > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(read.value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * A JSON body, or undefined when there is none. It must be `application/json` (parameters such as
 * charset aside: a form's or text/plain body is what a cross-site page can send without asking,
 * 415), at most `limit` bytes (413), UTF-8 and JSON (400).
 */
export async function readJsonBody(request: Request, limit = JSON_BODY_LIMIT): Promise<unknown> {
  const type = mediaType(request.headers.get("content-type"));
  if (type !== null && type !== "application/json") throw unsupported();
  const bytes = await readBodyBytes(request, limit);
  if (bytes.byteLength === 0) return undefined;
  if (type === null) throw unsupported();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("bad_request", "The body is not valid UTF-8.");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
}

/** The same request with its body read under `limit` (413 beyond), for a handler that reads it itself. */
export async function boundedRequest(request: NextRequest, limit: number): Promise<NextRequest> {
  if (request.method === "GET" || request.method === "HEAD") return request;
  const body = await readBodyBytes(request, limit);
  return new NextRequest(request.url, { method: request.method, headers: request.headers, body });
}

/** `application/json; charset=utf-8` → `application/json`; null without a Content-Type. */
function mediaType(contentType: string | null): string | null {
  return contentType === null ? null : contentType.split(";")[0].trim().toLowerCase();
}

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `The body is larger than ${limit / MEGABYTE} MB.`);
}

function unsupported(): AppError {
  return new AppError("unsupported_media_type", "Send the body as application/json.");
}
