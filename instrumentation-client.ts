import { config } from "zod/v4/core";

// Runs in the browser before the app hydrates. The Content-Security-Policy forbids eval
// (lib/http/security-headers.ts); zod compiles its object parsers with `new Function` where it
// may, and finds out with a call the browser blocks and reports as a violation. In the browser it
// parses without compiling, so it never asks. Only zod's core configuration is imported: this file
// runs on every page, the feedback portal's too, which must not carry all of zod.
config({ jitless: true });
