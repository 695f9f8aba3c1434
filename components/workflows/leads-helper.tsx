"use client";

import { useMemo, useState } from "react";
import { ClipboardPasteIcon, SparklesIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { parseLeadsCsv, sampleLeads, type Lead } from "./leads-csv";

const MAX = 500;

/** Quick ways to fill `leads` for email-outreach: paste a CSV, or generate sample leads. */
export function LeadsHelper({ count, onLeads, disabled }: { count: number; onLeads: (leads: Lead[]) => void; disabled?: boolean }) {
  return (
    <div className="flex flex-wrap gap-2">
      <PasteCsvDialog disabled={disabled} onLeads={onLeads} />
      <GenerateDialog disabled={disabled} count={count} onLeads={onLeads} />
    </div>
  );
}

function PasteCsvDialog({ onLeads, disabled }: { onLeads: (leads: Lead[]) => void; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const parsed = useMemo(() => parseLeadsCsv(text), [text]);
  const tooMany = parsed.leads.length > MAX;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button type="button" variant="outline" size="sm" disabled={disabled}>
          <ClipboardPasteIcon />
          Paste CSV
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>Paste leads as CSV</DialogTitle>
          <DialogDescription>
            One lead per line: <code className="font-mono text-xs">name,email,company</code>. A header row is optional; tabs from a
            spreadsheet work too. The leads replace those in the form.
          </DialogDescription>
        </DialogHeader>
        <div className="grid gap-2">
          <Label htmlFor="leads-csv">CSV</Label>
          <Textarea
            id="leads-csv"
            rows={8}
            className="max-h-80 font-mono text-xs"
            spellCheck={false}
            placeholder={"name,email,company\nAda Byron,ada@example.com,Analytical Engines"}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <p className="text-xs text-muted-foreground" aria-live="polite">
            {parsed.leads.length} {parsed.leads.length === 1 ? "lead" : "leads"} ready
            {parsed.skipped.length > 0 && `, ${parsed.skipped.length} line${parsed.skipped.length === 1 ? "" : "s"} skipped`}
            {tooMany && ` — a run takes at most ${MAX}`}
          </p>
          {parsed.skipped.length > 0 && (
            <ul className="max-h-24 overflow-y-auto text-xs text-destructive">
              {parsed.skipped.slice(0, 20).map((s) => (
                <li key={s.line}>
                  Line {s.line}: {s.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
        <DialogFooter>
          <Button type="button" variant="outline" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button
            type="button"
            disabled={parsed.leads.length === 0 || tooMany}
            onClick={() => {
              onLeads(parsed.leads);
              setOpen(false);
              setText("");
            }}
          >
            Use {parsed.leads.length} {parsed.leads.length === 1 ? "lead" : "leads"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

function GenerateDialog({ count, onLeads, disabled }: { count: number; onLeads: (leads: Lead[]) => void; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const [n, setN] = useState(100);
  const valid = Number.isInteger(n) && n >= 1 && n <= MAX;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button type="button" variant="outline" size="sm" disabled={disabled}>
          <SparklesIcon />
          Generate sample leads
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-sm">
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            e.stopPropagation(); // React events bubble through the portal into the run form
            if (!valid) return;
            onLeads(sampleLeads(n));
            setOpen(false);
          }}
        >
          <DialogHeader>
            <DialogTitle>Generate sample leads</DialogTitle>
            <DialogDescription>
              Fills the form with made-up leads at example.com{count > 0 ? `, replacing the ${count} already there` : ""}. Handy for trying
              a queue at full size.
            </DialogDescription>
          </DialogHeader>
          <div className="grid gap-2">
            <Label htmlFor="lead-count">Number of leads</Label>
            <Input
              id="lead-count"
              type="number"
              min={1}
              max={MAX}
              step={1}
              value={Number.isNaN(n) ? "" : n}
              onChange={(e) => setN(e.target.valueAsNumber)}
              aria-invalid={!valid || undefined}
            />
            {!valid && <p className="text-xs text-destructive">Between 1 and {MAX}.</p>}
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={!valid}>
              Generate {valid ? n : ""}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
