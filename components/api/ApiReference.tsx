"use client";

import "swagger-ui-dist/swagger-ui.css";

import Box from "@mui/material/Box";
import LinearProgress from "@mui/material/LinearProgress";
import { useEffect, useRef, useState } from "react";

/**
 * The interactive reference: Swagger UI from `swagger-ui-dist`, bundled with the app (no CDN, and
 * nothing the nonce CSP refuses — its styles are a stylesheet of our own origin, its script one of
 * our chunks, loaded only on this page). Its prebuilt bundle, not swagger-ui-react: Turbopack breaks
 * the OpenAPI 3.1 parser inside the latter ("refract is not a function", vercel/next.js#86507), and
 * the bundle brings its own React, apart from the app's. It reads the document /api/v1/openapi.json
 * serves; "Try it out" sends the request from this browser, with the session's cookie or a token
 * typed under "Authorize".
 */
export function ApiReference({ url }: { url: string }) {
  const node = useRef<HTMLDivElement>(null);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    let cancelled = false;
    void import("swagger-ui-dist/swagger-ui-es-bundle.js").then(({ default: SwaggerUI }) => {
      if (cancelled || !node.current) return;
      SwaggerUI({
        domNode: node.current,
        url,
        presets: [SwaggerUI.presets.apis],
        layout: "BaseLayout",
        docExpansion: "list",
        defaultModelsExpandDepth: 0,
        deepLinking: true,
        filter: true,
        displayRequestDuration: true,
        onComplete: () => setLoading(false),
      });
    });
    return () => {
      cancelled = true;
    };
  }, [url]);
  return (
    <Box
      sx={{
        // On a phone: no sideways scroll for the page, long paths and tables scroll in their box.
        "& .swagger-ui .wrapper": { px: { xs: 0, md: 2 } },
        "& .swagger-ui .opblock .opblock-summary": { flexWrap: "wrap" },
        "& .swagger-ui .opblock .opblock-summary-path": { wordBreak: "break-all", maxWidth: "100%" },
        "& .swagger-ui table, & .swagger-ui .model-box, & .swagger-ui pre": {
          maxWidth: "100%",
          overflowX: "auto",
        },
        "& .swagger-ui .info": { display: "none" },
      }}
    >
      {loading && <LinearProgress aria-label="API" />}
      <div ref={node} />
    </Box>
  );
}
