import "server-only";

import QRCode from "qrcode";

/**
 * A QR code for a URL (a feedback link to show a customer on site), drawn on the server as an SVG:
 * no script, no image request, and the link never leaves the page for a QR service. `label` names
 * it for screen readers (e.g. "QR code of the feedback link").
 */
export async function QrCode({ url, label, size = 200 }: { url: string; label: string; size?: number }) {
  const svg = await QRCode.toString(url, {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 2,
    color: { dark: "#000000", light: "#ffffff" },
  });
  // qrcode writes a complete <svg> with a viewBox; only its size and role are ours.
  const sized = svg.replace(
    "<svg ",
    `<svg width="${size}" height="${size}" role="img" aria-label="${escapeAttribute(label)}" `,
  );
  return (
    <span style={{ display: "inline-block", lineHeight: 0 }} dangerouslySetInnerHTML={{ __html: sized }} />
  );
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
