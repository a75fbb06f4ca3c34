import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { QrCode } from "./QrCode";

describe("QrCode", () => {
  it("draws the URL as an inline SVG image named for screen readers", async () => {
    const html = renderToStaticMarkup(
      await QrCode({ url: "https://app.example/feedback/abc", label: 'QR "Feedback" <link>', size: 160 }),
    );
    expect(html).toMatch(
      /^<span[^>]*><svg width="160" height="160" role="img" aria-label="QR &quot;Feedback&quot; &lt;link&gt;"/,
    );
    expect(html).toContain("<path");
    expect(html).not.toContain("<script");
  });
});
