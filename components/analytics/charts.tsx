"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/**
 * The analytics charts (Recharts). Each is drawn for sighted users and hidden from assistive
 * technology (no keyboard layer either: nothing focusable inside aria-hidden); the page shows the
 * same numbers in a table beside every chart.
 */

const AXIS = { fontSize: 12, fill: "var(--muted-foreground)" };
const TOOLTIP = {
  contentStyle: { background: "var(--popover)", color: "var(--popover-foreground)", border: "1px solid var(--border)", borderRadius: 6 },
  cursor: { fill: "var(--muted)" },
};
/** Distinguishable in both themes and for the common colour-vision deficiencies (Okabe–Ito). */
export const OUTCOME_COLORS = { approve: "#009E73", edit: "#0072B2", reject: "#D55E00", respond: "#CC79A7" } as const;

function Frame({ height, children }: { height: number; children: React.ReactElement }) {
  return (
    <div aria-hidden="true" style={{ height }} className="w-full">
      <ResponsiveContainer width="100%" height="100%">
        {children}
      </ResponsiveContainer>
    </div>
  );
}

export function VolumeChart({ data }: { data: Array<{ day: string; created: number; decided: number }> }) {
  return (
    <Frame height={220}>
      <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="day" tick={AXIS} tickLine={false} axisLine={false} />
        <YAxis allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} />
        <Tooltip {...TOOLTIP} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="created" name="Created" fill="#56B4E9" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        <Bar dataKey="decided" name="Decided" fill="#009E73" radius={[3, 3, 0, 0]} isAnimationActive={false} />
      </BarChart>
    </Frame>
  );
}

export function OutcomesChart({ data }: { data: Array<{ name: string; approve: number; edit: number; reject: number; respond: number }> }) {
  return (
    <Frame height={Math.max(140, data.length * 40 + 60)}>
      <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 8, right: 8, left: 8, bottom: 0 }}>
        <CartesianGrid horizontal={false} stroke="var(--border)" />
        <XAxis type="number" allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} />
        <YAxis type="category" dataKey="name" width={120} tick={AXIS} tickLine={false} axisLine={false} />
        <Tooltip {...TOOLTIP} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {(Object.keys(OUTCOME_COLORS) as Array<keyof typeof OUTCOME_COLORS>).map((action) => (
          <Bar key={action} dataKey={action} name={action} stackId="outcome" fill={OUTCOME_COLORS[action]} isAnimationActive={false} />
        ))}
      </BarChart>
    </Frame>
  );
}

export function DecisionTimeChart({ data }: { data: Array<{ name: string; p50: number | null; p90: number | null }> }) {
  return (
    <Frame height={Math.max(140, data.length * 40 + 60)}>
      <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 8, right: 8, left: 8, bottom: 0 }}>
        <CartesianGrid horizontal={false} stroke="var(--border)" />
        <XAxis type="number" tick={AXIS} tickLine={false} axisLine={false} unit=" min" />
        <YAxis type="category" dataKey="name" width={120} tick={AXIS} tickLine={false} axisLine={false} />
        <Tooltip {...TOOLTIP} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="p50" name="p50 (minutes)" fill="#56B4E9" isAnimationActive={false} />
        <Bar dataKey="p90" name="p90 (minutes)" fill="#E69F00" isAnimationActive={false} />
      </BarChart>
    </Frame>
  );
}

export function EditedFieldsChart({ data }: { data: Array<{ path: string; edits: number }> }) {
  return (
    <Frame height={Math.max(120, data.length * 32 + 40)}>
      <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 8, right: 8, left: 8, bottom: 0 }}>
        <CartesianGrid horizontal={false} stroke="var(--border)" />
        <XAxis type="number" allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} />
        <YAxis type="category" dataKey="path" width={120} tick={AXIS} tickLine={false} axisLine={false} />
        <Tooltip {...TOOLTIP} />
        <Bar dataKey="edits" name="Edited tasks" fill="#0072B2" isAnimationActive={false} />
      </BarChart>
    </Frame>
  );
}
