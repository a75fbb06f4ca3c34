"use client";

import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Divider from "@mui/material/Divider";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

import { ssoSignInAction } from "@/lib/auth/actions";

/**
 * Signs in through POST /api/session, which answers 204, 401 or 429 (problem+json), so the form can
 * tell a wrong password from a rate limit without revealing which part was wrong.
 */
export function LoginForm({ callbackUrl, ssoName }: { callbackUrl: string; ssoName?: string }) {
  const t = useTranslations("login");
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    try {
      const response = await fetch("/api/session", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: form.get("email"), password: form.get("password") }),
      });
      if (response.ok) {
        // A full navigation, so every server component renders with the new session and locale.
        window.location.assign(callbackUrl);
        return;
      }
      setError(
        response.status === 429 ? t("rateLimited") : response.status === 401 ? t("invalid") : t("failed"),
      );
    } catch {
      setError(t("failed"));
    }
    setSubmitting(false);
  }

  return (
    <Stack spacing={2}>
      <Stack component="form" spacing={2} onSubmit={onSubmit} noValidate={false} aria-label={t("title")}>
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
        <TextField
          name="email"
          type="email"
          label={t("email")}
          autoComplete="username"
          required
          autoFocus
          fullWidth
        />
        <TextField
          name="password"
          type="password"
          label={t("password")}
          autoComplete="current-password"
          required
          fullWidth
        />
        <Button type="submit" variant="contained" size="large" disabled={submitting}>
          {submitting ? t("submitting") : t("submit")}
        </Button>
      </Stack>
      {ssoName && (
        <>
          <Divider />
          <form action={ssoSignInAction}>
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <Button type="submit" variant="outlined" fullWidth>
              {t("sso", { provider: ssoName })}
            </Button>
          </form>
        </>
      )}
    </Stack>
  );
}
