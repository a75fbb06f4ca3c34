import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  // Native or Node-only packages stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "prom-client"],
  // /api/health compares applied migrations with the files, so the files ship with the server.
  outputFileTracingIncludes: { "/api/health": ["./sql/migrations/*.sql"] },
};

export default withNextIntl(nextConfig);
