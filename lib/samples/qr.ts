import "server-only";

import QRCode from "qrcode";

/**
 * A URL (a feedback link to show a customer on site) as a QR code, drawn on the server as SVG
 * markup: no script, no image request, and the link never leaves the app for a QR service.
 * `label` names it for screen readers.
 */
export async function qrSvg(url: string, { label, size = 200 }: { label: string; size?: number }) {
  const svg = await QRCode.toString(url, {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 2,
    color: { dark: "#000000", light: "#ffffff" },
  });
  // qrcode writes a complete <svg> with a viewBox; only its size and role are ours.
  return svg.replace(
    "<svg ",
    `<svg width="${size}" height="${size}" role="img" aria-label="${escapeAttribute(label)}" `,
  );
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
