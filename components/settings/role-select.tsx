"use client";

import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";

export const ROLE_INFO = {
  owner: "Everything, including managing other owners",
  admin: "Manage members, queues and API keys; decide tasks",
  reviewer: "Decide tasks in their queues",
  viewer: "Read runs, tasks and audit; decide nothing",
} as const;
export type RoleName = keyof typeof ROLE_INFO;

export function RoleSelect({
  value,
  onValueChange,
  allowOwner,
  disabled,
  id,
  size,
  "aria-label": ariaLabel,
}: {
  value: RoleName;
  onValueChange: (role: RoleName) => void;
  allowOwner: boolean;
  disabled?: boolean;
  id?: string;
  size?: "sm" | "default";
  "aria-label"?: string;
}) {
  return (
    <Select value={value} onValueChange={(v) => onValueChange(v as RoleName)} disabled={disabled}>
      <SelectTrigger id={id} size={size} className="w-32 capitalize" aria-label={ariaLabel}>
        {/* Explicit text, so the server-rendered trigger shows the role before hydration. */}
        <SelectValue>{value}</SelectValue>
      </SelectTrigger>
      <SelectContent>
        {(Object.keys(ROLE_INFO) as RoleName[]).map((role) => (
          <SelectItem key={role} value={role} disabled={role === "owner" && !allowOwner} className="capitalize">
            {role}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
