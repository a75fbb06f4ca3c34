import { z } from "zod";

/** Roles a member can hold in an organisation. `sales` is a sales partner. */
export const ROLES = ["admin", "manager", "sales", "auditor"] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;
