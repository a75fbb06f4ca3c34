import "server-only";

import { qrSvg } from "@/lib/samples/qr";

/**
 * A QR code for a URL (a feedback link to show a customer on site), drawn on the server as an SVG
 * (lib/samples/qr.ts). `label` names it for screen readers (e.g. "QR code of the feedback link").
 */
export async function QrCode({ url, label, size = 200 }: { url: string; label: string; size?: number }) {
  const sized = await qrSvg(url, { label, size });
  return (
    <span style={{ display: "inline-block", lineHeight: 0 }} dangerouslySetInnerHTML={{ __html: sized }} />
  );
}
