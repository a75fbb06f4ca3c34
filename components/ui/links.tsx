"use client";

// MUI components rendered as Next.js links. They live in a client module because a server
// component cannot hand a component (Link) to a client component as a prop.
import Button, { type ButtonProps } from "@mui/material/Button";
import CardActionArea, { type CardActionAreaProps } from "@mui/material/CardActionArea";
import Link from "next/link";

export function ButtonLink(props: ButtonProps & { href: string }) {
  return <Button component={Link} {...props} />;
}

export function CardActionLink(props: CardActionAreaProps & { href: string }) {
  return <CardActionArea component={Link} {...props} />;
}
