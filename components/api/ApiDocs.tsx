import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { getTranslations } from "next-intl/server";

import type { OpenApiDocument } from "@/lib/http/openapi";

const METHOD_COLOURS = {
  get: "info",
  post: "success",
  put: "warning",
  patch: "warning",
  delete: "error",
} as const;

interface Operation {
  operationId: string;
  summary: string;
  tags: string[];
  parameters?: { name: string; in: string; required: boolean; schema?: { type?: string; format?: string } }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string }>;
}

/** The API reference, rendered on the server from the OpenAPI document: no scripts, no CDN. */
export async function ApiDocs({ document }: { document: OpenApiDocument }) {
  const t = await getTranslations("api");
  // A path item holds its operations by method, and may name a server of its own (the webhook inbox
  // lives under /api, not /api/v1); everything else in it is not an operation.
  const operations = Object.entries(document.paths).flatMap(([path, item]) => {
    const { servers, ...methods } = item as { servers?: { url: string }[] } & Record<string, Operation>;
    const base = servers?.[0]?.url ?? "/api/v1";
    return Object.entries(methods)
      .filter(([method]) => method in METHOD_COLOURS)
      .map(([method, op]) => ({ path: `${base}${path}`, method, op }));
  });
  return (
    <Box component="main" sx={{ maxWidth: 1000, mx: "auto", p: { xs: 2, md: 4 } }}>
      <Typography variant="h4" component="h1" gutterBottom>
        {t("docsTitle")} <Chip size="small" label={document.info.version} />
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 1 }}>
        {t("docsIntro")}
      </Typography>
      <Typography sx={{ mb: 3 }}>
        <a href="/api/v1/openapi.json">{t("download")}</a>
      </Typography>
      <Stack spacing={2}>
        {operations.map(({ path, method, op }) => (
          <Paper key={op.operationId} variant="outlined" sx={{ p: 2 }} id={op.operationId}>
            <Stack direction="row" spacing={1} sx={{ alignItems: "center", mb: 1, flexWrap: "wrap" }}>
              <Chip
                size="small"
                color={METHOD_COLOURS[method as keyof typeof METHOD_COLOURS] ?? "default"}
                label={method.toUpperCase()}
              />
              <Typography component="code" sx={{ fontFamily: "monospace", fontWeight: 600 }}>
                {path}
              </Typography>
              <Typography variant="caption" color="text.secondary">
                {op.tags.join(", ")}
              </Typography>
            </Stack>
            <Typography sx={{ mb: 1 }}>{op.summary}</Typography>
            {op.parameters && op.parameters.length > 0 && (
              <>
                <Typography variant="subtitle2">{t("parameters")}</Typography>
                <Table size="small" sx={{ mb: 1 }}>
                  <TableHead>
                    <TableRow>
                      <TableCell>{t("name")}</TableCell>
                      <TableCell>{t("in")}</TableCell>
                      <TableCell>{t("type")}</TableCell>
                      <TableCell>{t("required")}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {op.parameters.map((p) => (
                      <TableRow key={`${p.in}:${p.name}`}>
                        <TableCell>
                          <code>{p.name}</code>
                        </TableCell>
                        <TableCell>{p.in}</TableCell>
                        <TableCell>
                          {[p.schema?.type, p.schema?.format].filter(Boolean).join(" / ")}
                        </TableCell>
                        <TableCell>{p.required ? t("yes") : t("no")}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </>
            )}
            {op.requestBody && (
              <>
                <Typography variant="subtitle2">{t("requestBody")}</Typography>
                <Box
                  component="pre"
                  sx={{ bgcolor: "grey.100", p: 1, borderRadius: 1, overflowX: "auto", fontSize: 13 }}
                >
                  {JSON.stringify(op.requestBody.content["application/json"]?.schema, null, 2)}
                </Box>
              </>
            )}
            <Typography variant="subtitle2">{t("responses")}</Typography>
            <Box component="ul" sx={{ m: 0, pl: 3 }}>
              {Object.entries(op.responses).map(([status, r]) => (
                <li key={status}>
                  <code>{status}</code> {r.description}
                </li>
              ))}
            </Box>
          </Paper>
        ))}
      </Stack>
    </Box>
  );
}
