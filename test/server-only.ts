// Stand-in for the `server-only` package under Vitest. The real module throws unless it is resolved
// with the `react-server` condition, which Next.js and our tsx scripts set and Vitest does not.
export {};
