"use client";

import { useEffect, useState } from "react";

import { draftFromFields, fieldReader } from "./form";
import s from "./portal.module.css";

type State = "idle" | "saving" | "saved" | "failed";

/**
 * Progressive enhancement of the feedback form: with JavaScript every tap is saved as the draft
 * (PUT /api/v1/feedback/{token}/draft, debounced), a pending save is sent even while the page
 * closes, and the status line says "saved". Without JavaScript the form's own buttons post it.
 */
export function AutoSave({
  formId,
  token,
  initial,
  texts,
}: {
  formId: string;
  token: string;
  /** The server's status line (e.g. "your draft is saved" after a post without JavaScript). */
  initial: string;
  texts: { saving: string; saved: string; failed: string };
}) {
  const [state, setState] = useState<State>("idle");

  useEffect(() => {
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return;
    const url = `/api/v1/feedback/${encodeURIComponent(token)}/draft`;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pending = false;
    let controller: AbortController | undefined;

    const body = () => JSON.stringify(draftFromFields(fieldReader(new FormData(form))));
    const save = async () => {
      pending = false;
      controller?.abort();
      const current = new AbortController();
      controller = current;
      setState("saving");
      try {
        const response = await fetch(url, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: body(),
          signal: current.signal,
        });
        // Submitted, expired or withdrawn meanwhile (another device): the page says which.
        if ([404, 409, 410].includes(response.status)) window.location.reload();
        else setState(response.ok ? "saved" : "failed");
      } catch {
        if (!current.signal.aborted) setState("failed");
      }
    };
    const schedule = (delay: number) => {
      pending = true;
      clearTimeout(timer);
      timer = setTimeout(save, delay);
    };
    // A tap on a rating or a box saves almost at once; typing waits for a pause.
    const onChange = () => schedule(150);
    const onInput = (event: Event) => {
      if (event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLInputElement) {
        if (event.target.type === "text" || event.target instanceof HTMLTextAreaElement) schedule(700);
      }
    };
    // Leaving with a save still pending: send it anyway (keepalive outlives the page).
    const flush = () => {
      if (!pending) return;
      clearTimeout(timer);
      pending = false;
      void fetch(url, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: body(),
        keepalive: true,
      }).catch(() => undefined);
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") flush();
    };
    // Sending the form: the post carries everything, no draft save needed. A save still under way
    // is dropped too: it would reach the server after the submission and be answered 409, and its
    // reload would cancel the navigation to the thank-you page.
    const onSubmit = () => {
      clearTimeout(timer);
      pending = false;
      controller?.abort();
    };

    form.addEventListener("change", onChange);
    form.addEventListener("input", onInput);
    form.addEventListener("submit", onSubmit);
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onVisibility);
    // The browser tests wait for this before they tap (e2e/helpers.ts).
    document.documentElement.dataset.hydrated = "true";
    return () => {
      clearTimeout(timer);
      form.removeEventListener("change", onChange);
      form.removeEventListener("input", onInput);
      form.removeEventListener("submit", onSubmit);
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [formId, token]);

  const text = state === "idle" ? initial : texts[state];
  return (
    <p className={s.status} role="status">
      {text}
    </p>
  );
}
