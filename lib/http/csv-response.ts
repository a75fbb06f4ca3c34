import { berlinTime } from "@/lib/audit/csv";

/**
 * A CSV download streamed from `chunks` as the browser pulls it: nothing is held in memory beyond
 * one chunk, a client that goes away stops the reading (`cancel`), and an error after the first
 * byte (the status is sent by then) is logged with the request id and breaks the download rather
 * than ending it as if it were complete. Named `<name>-<org>-<Berlin date>.csv`; never cached.
 */
export function csvResponse(
  chunks: AsyncGenerator<string>,
  {
    name,
    orgSlug,
    requestId,
    headers = {},
  }: {
    name: string;
    orgSlug: string;
    requestId: string;
    headers?: Record<string, string>;
  },
): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        console.error(`[${name} export] request ${requestId} failed while streaming`, error);
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const date = berlinTime(new Date()).slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}-${orgSlug}-${date}.csv"`,
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
      ...headers,
    },
  });
}
