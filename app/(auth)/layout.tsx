import type { ReactNode } from "react";

import { AdminRoot } from "@/components/ui/AdminRoot";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return <AdminRoot>{children}</AdminRoot>;
}
