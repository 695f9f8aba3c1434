"use client";

import { useTransition } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { NativeSelect } from "@/components/ui/native-select";

/**
 * A filter bound to one URL search param: choosing an option navigates (so the filtered view is
 * linkable) and drops the pagination cursor. An empty value removes the param.
 */
export function ParamSelect({
  param,
  label,
  options,
  allLabel,
}: {
  param: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  allLabel: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const value = searchParams.get(param) ?? "";

  const onChange = (next: string) => {
    const params = new URLSearchParams(searchParams);
    params.delete("cursor");
    if (next) params.set(param, next);
    else params.delete(param);
    const query = params.toString();
    startTransition(() => router.push(query ? `${pathname}?${query}` : pathname));
  };

  return (
    <NativeSelect
      size="sm"
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-busy={pending || undefined}
      className="min-w-40"
    >
      <option value="">{allLabel}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </NativeSelect>
  );
}
