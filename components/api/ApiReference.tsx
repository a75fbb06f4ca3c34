"use client";

import "swagger-ui-react/swagger-ui.css";

import Box from "@mui/material/Box";
import LinearProgress from "@mui/material/LinearProgress";
import dynamic from "next/dynamic";

/**
 * The interactive reference (Swagger UI, bundled with the app: no CDN, and nothing the nonce CSP
 * refuses — its styles are a stylesheet of our own origin, its scripts our chunks). It reads the
 * document /api/v1/openapi.json serves; "Try it out" sends the request from this browser, with the
 * session's cookie, or with a token typed under "Authorize". Loaded in the browser only.
 */
const SwaggerUI = dynamic(() => import("swagger-ui-react"), {
  ssr: false,
  loading: () => <LinearProgress aria-label="API" />,
});

export function ApiReference({ url }: { url: string }) {
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
      <SwaggerUI
        url={url}
        docExpansion="list"
        defaultModelsExpandDepth={0}
        deepLinking
        filter
        displayRequestDuration
      />
    </Box>
  );
}
