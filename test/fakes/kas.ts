import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import {
  KAS_API_NS,
  KAS_AUTH_NS,
  parseSoapRequest,
  soapFault,
  soapResponse,
} from "@/lib/integrations/kas/soap";

export interface FakeMailAccount {
  mail_login: string;
  mail_adresses: string;
  is_active: "Y" | "N";
  password: string;
}

export interface FakeKas {
  /** The folder of KasAuth.php and KasApi.php, for KAS_API_URL. */
  url: string;
  login: string;
  password: string;
  /** The KasFloodDelay every answer names, in seconds. */
  floodDelay: number;
  accounts: Map<string, FakeMailAccount>;
  /** Every KasApi call: its action, when it arrived (Date.now()) and the fault it got, if any. */
  calls: { action: string; at: number; fault: string | null }[];
  authCount: number;
  close(): Promise<void>;
}

/**
 * A fake of all-inkl's KAS API on 127.0.0.1, speaking SOAP over HTTP (lib/integrations/kas/soap.ts
 * for the envelope): KasAuth with `plain` credentials gives a session token, KasApi takes it with a
 * `kas_action`. It enforces the flood delay — a call before the delay the previous answer named
 * has passed gets the `flood_protection` fault — and answers the mail-account actions from memory
 * with the faults all-inkl documents (missing_parameter, email_already_exists,
 * mail_login_not_found, nothing_to_do).
 */
export async function startFakeKas(
  options: { floodDelay?: number; domain?: string; port?: number } = {},
): Promise<FakeKas> {
  const domain = options.domain ?? "example.test";
  const sessions = new Set<string>();
  let nextAllowedAt = 0;
  let counter = 1000;
  const state: FakeKas = {
    url: "",
    login: "w0123456",
    password: "kas-test-password",
    floodDelay: options.floodDelay ?? 0.3,
    accounts: new Map(),
    calls: [],
    authCount: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const act = (action: string, p: Record<string, unknown>): unknown => {
    const need = (...names: string[]) => {
      for (const name of names)
        if (p[name] === undefined || p[name] === "") throw new Error("missing_parameter");
    };
    const account = () => {
      need("mail_login");
      const found = state.accounts.get(String(p.mail_login));
      if (!found) throw new Error("mail_login_not_found");
      return found;
    };
    switch (action) {
      case "get_mailaccounts": {
        const list = p.mail_login ? [account()] : [...state.accounts.values()];
        return list.map(({ password: _password, ...rest }) => rest);
      }
      case "add_mailaccount": {
        need("mail_password", "local_part", "domain_part");
        if (String(p.domain_part) !== domain) throw new Error("domain_not_found");
        const address = `${String(p.local_part)}@${String(p.domain_part)}`.toLowerCase();
        if ([...state.accounts.values()].some((a) => a.mail_adresses.split(",").includes(address))) {
          throw new Error("email_already_exists");
        }
        const login = `m${String(++counter).padStart(7, "0")}`;
        state.accounts.set(login, {
          mail_login: login,
          mail_adresses: address,
          is_active: "Y",
          password: String(p.mail_password),
        });
        return login;
      }
      case "update_mailaccount": {
        const found = account();
        const active = p.is_active === undefined ? found.is_active : p.is_active === "N" ? "N" : "Y";
        const password = p.mail_new_password === undefined ? found.password : String(p.mail_new_password);
        if (active === found.is_active && password === found.password) throw new Error("nothing_to_do");
        found.is_active = active;
        found.password = password;
        return "TRUE";
      }
      case "delete_mailaccount": {
        state.accounts.delete(account().mail_login);
        return "TRUE";
      }
      default:
        throw new Error("kas_action_not_found");
    }
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const send = (status: number, xml: string) => {
        response.writeHead(status, { "content-type": "text/xml; charset=utf-8" });
        response.end(xml);
      };
      let call: { method: string; params: Record<string, unknown> };
      try {
        call = parseSoapRequest(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return send(500, soapFault("invalid_request", "KasApi"));
      }
      const p = call.params;
      if (request.url?.endsWith("/KasAuth.php") && call.method === "KasAuth") {
        state.authCount += 1;
        if (
          p.kas_login !== state.login ||
          p.kas_auth_type !== "plain" ||
          p.kas_auth_data !== state.password
        ) {
          return send(500, soapFault("kas_password_incorrect", "KasAuth"));
        }
        const token = randomBytes(16).toString("hex");
        sessions.add(token);
        return send(200, soapResponse(KAS_AUTH_NS, "KasAuth", token));
      }
      if (!request.url?.endsWith("/KasApi.php") || call.method !== "KasApi") {
        return send(404, soapFault("unknown_endpoint", "KasApi"));
      }
      const action = String(p.kas_action ?? "");
      const now = Date.now();
      const fault = (code: string) => {
        state.calls.push({ action, at: now, fault: code });
        return send(500, soapFault(code, "KasApi"));
      };
      if (now < nextAllowedAt) return fault("flood_protection");
      if (
        p.kas_login !== state.login ||
        p.kas_auth_type !== "session" ||
        !sessions.has(String(p.kas_auth_data))
      ) {
        return fault("session_invalid");
      }
      nextAllowedAt = now + state.floodDelay * 1000;
      try {
        const info = act(action, (p.KasRequestParams ?? {}) as Record<string, unknown>);
        state.calls.push({ action, at: now, fault: null });
        return send(
          200,
          soapResponse(KAS_API_NS, "KasApi", {
            Request: { KasRequestTime: Math.floor(now / 1000), KasRequestType: action },
            Response: { KasFloodDelay: state.floodDelay, ReturnString: "TRUE", ReturnInfo: info },
          }),
        );
      } catch (error) {
        return fault((error as Error).message);
      }
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/soap`;
  return state;
}
