"use client";

import Box from "@mui/material/Box";
import Link from "@mui/material/Link";
import ReactMarkdown, { type Components } from "react-markdown";

/**
 * An article's Markdown, rendered safely: react-markdown builds React elements from the Markdown
 * syntax tree, so raw HTML in the text is not rendered (no rehype-raw), and its default URL
 * transform drops `javascript:` and other unsafe link targets. Links open in a new tab with
 * rel="noopener noreferrer".
 */
const components: Components = {
  a: ({ href, children }) => (
    <Link href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </Link>
  ),
  // Article headings sit below the page's own h1/h2.
  h1: ({ children }) => <h3>{children}</h3>,
  h2: ({ children }) => <h4>{children}</h4>,
  h3: ({ children }) => <h5>{children}</h5>,
  img: ({ alt }) => <span>{alt}</span>,
};

export function Markdown({ text }: { text: string }) {
  return (
    <Box
      sx={{
        overflowWrap: "anywhere",
        "& h3, & h4, & h5": { mt: 2, mb: 1 },
        "& p, & li": { lineHeight: 1.6 },
        "& code": { fontFamily: "monospace", bgcolor: "action.hover", px: 0.5, borderRadius: "4px" },
        "& pre": { overflowX: "auto" },
      }}
    >
      <ReactMarkdown skipHtml components={components}>
        {text}
      </ReactMarkdown>
    </Box>
  );
}
