import "server-only";

import type { NextRequest } from "next/server";

import { boundedRequest } from "@/lib/http/body";
import { formFields } from "@/lib/forms";
import { publicRoute } from "@/lib/http/public";
import { AppError, isAppError } from "@/lib/errors";
import { saveFeedbackDraft, submitFeedback } from "@/lib/samples/portal";

import { draftFromFields, fieldReader, submissionFromDraft, type FormDraft } from "./form";

type Route = { params: Promise<{ token: string }> };

/** A form of ours is a few kilobytes; 2000 characters of comment per product at most. */
const FORM_LIMIT = 256 * 1024;
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/** 303 See Other: the browser follows with a GET, so reloading never posts again. */
function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}

async function readForm(request: NextRequest): Promise<Record<string, FormDataEntryValue>> {
  const type = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase() ?? "";
  if (!FORM_TYPES.has(type)) {
    throw new AppError("unsupported_media_type", "Send the form as application/x-www-form-urlencoded.");
  }
  const form = await (await boundedRequest(request, FORM_LIMIT)).formData();
  const fields = formFields(form);
  if (!fields)
    throw new AppError("bad_request", "Names __proto__, constructor and prototype are not allowed.");
  return fields;
}

/** The page's error codes for the service's field errors (`items.<k>.…` of the sent items → the product's card). */
function errorCodes(error: AppError, draft: FormDraft, sent: { sku: string }[]): string[] {
  const codes = new Set<string>();
  for (const { path } of error.fieldErrors) {
    const item = /^(?:body\.)?items\.(\d+)/.exec(path);
    if (item) {
      const sku = sent[Number(item[1])]?.sku;
      const index = draft.items?.findIndex((i) => i.sku === sku) ?? -1;
      codes.add(index >= 0 ? `items.${index}` : "items");
    } else if (/contact\.name/.test(path)) codes.add("contact.name");
    else if (/contact\.role/.test(path)) codes.add("contact.role");
    else codes.add("items");
  }
  return codes.size > 0 ? [...codes] : ["items"];
}

/**
 * The feedback form's posts without JavaScript (`draft`: save for later; `submit`: send), as route
 * handlers beside the page: the same service calls as the REST routes, answered with a 303 back to
 * the page (saved, or with the fields to fix named in `e`), to the thank-you page, or — for a link
 * that was sent, expired or withdrawn meanwhile — to the page, which says so.
 */
export function feedbackFormPost(mode: "draft" | "submit") {
  const handler = publicRoute(async (request: Request, route: Route): Promise<Response> => {
    const { token } = await route.params;
    const page = `/feedback/${encodeURIComponent(token)}`;
    const fields = await readForm(request as NextRequest);
    const lang = fields.lang === "de" || fields.lang === "en" ? fields.lang : undefined;
    const at = (path: string, extra: [string, string][] = []) => {
      const query = new URLSearchParams([...(lang ? [["lang", lang] as [string, string]] : []), ...extra]);
      return seeOther(query.size > 0 ? `${path}?${query}` : path);
    };

    const draft = draftFromFields(fieldReader(fields));
    let sent: { sku: string }[] = [];
    try {
      if (mode === "draft") {
        await saveFeedbackDraft(token, draft);
        return at(page, [["saved", "1"]]);
      }
      const checked = submissionFromDraft(draft);
      if (!checked.ok) {
        // Nothing typed is lost: what was there is saved, the page shows it with what is missing.
        await saveFeedbackDraft(token, draft);
        return at(
          page,
          checked.missing.map((m) => ["e", m]),
        );
      }
      sent = checked.submission.items;
      await submitFeedback(token, checked.submission);
      return at(`${page}/thanks`);
    } catch (error) {
      if (isAppError(error) && ["not_found", "gone", "conflict"].includes(error.kind)) return at(page);
      if (isAppError(error) && error.kind === "bad_request") {
        await saveFeedbackDraft(token, draft).catch(() => undefined);
        return at(
          page,
          errorCodes(error, draft, sent).map((code) => ["e", code]),
        );
      }
      throw error;
    }
  });
  return async (request: NextRequest, route: Route): Promise<Response> => {
    const response = await handler(request, route);
    // Rate limited: back to the page, which asks to wait a minute (a form post reads no JSON).
    if (response.status === 429) {
      const { token } = await route.params;
      return seeOther(`/feedback/${encodeURIComponent(token)}?e=rate`);
    }
    return response;
  };
}
