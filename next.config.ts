import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** Pages whose URL carries a secret: the customers' feedback links, the sign-on provider's answer. */
const TOKEN_PAGES = ["/feedback/:path*", "/api/auth/callback/:path*"];

/**
 * scripts/test.sh type-checks (tsc) before it builds, and in CI it builds a clean clone once: then
 * Next's own second type check and the build cache, which only a later build would read, are time
 * the run does not have.
 */
const checkedBuild = process.env.FRESHPLAN_CHECKED_BUILD === "1";

const nextConfig: NextConfig = {
  output: "standalone",
  typescript: { ignoreBuildErrors: checkedBuild },
  experimental: { turbopackFileSystemCacheForBuild: !checkedBuild },
  poweredByHeader: false,
  // Native or Node-only packages stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "prom-client", "imapflow"],
  // /api/health compares applied migrations with the files, so the files ship with the server.
  outputFileTracingIncludes: { "/api/health": ["./sql/migrations/*.sql"] },
  // The security headers every answer carries, static files included; the ones that depend on the
  // request (Content-Security-Policy with its nonce, HSTS) are set in proxy.ts. Later rules win.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          {
            key: "Permissions-Policy",
            value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
          },
        ],
      },
      // Answers of the API carry personal data: no cache keeps them (a route may still say otherwise).
      { source: "/api/:path*", headers: [{ key: "Cache-Control", value: "no-store" }] },
      // A token in the URL must not travel on to other sites as the Referer.
      ...TOKEN_PAGES.map((source) => ({
        source,
        headers: [{ key: "Referrer-Policy", value: "no-referrer" }],
      })),
    ];
  },
};

export default withNextIntl(nextConfig);
