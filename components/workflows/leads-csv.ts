/** Leads for the email-outreach workflow, from pasted CSV or generated as samples. */
export interface Lead {
  name: string;
  email: string;
  company: string;
}

export interface ParsedLeads {
  leads: Lead[];
  skipped: Array<{ line: number; reason: string }>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Splits one CSV line: commas, semicolons or tabs; double quotes may wrap a field. */
function splitLine(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted && c === '"' && line[i + 1] === '"') {
      cur += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === sep && !quoted) {
      out.push(cur.trim());
      cur = "";
    } else {
      cur += c;
    }
  }
  out.push(cur.trim());
  return out;
}

/**
 * Parses `name,email,company` lines. A header row (any order of those names) is honoured;
 * without one the columns are name, email, company. Bad lines are reported, not fatal.
 */
export function parseLeadsCsv(text: string): ParsedLeads {
  const lines = text
    .split(/\r?\n/)
    .map((l, i) => ({ text: l, line: i + 1 }))
    .filter((l) => l.text.trim() !== "");
  if (lines.length === 0) return { leads: [], skipped: [] };
  const first = lines[0]!.text;
  const sep = first.includes("\t") ? "\t" : first.includes(";") && !first.includes(",") ? ";" : ",";
  let order = { name: 0, email: 1, company: 2 };
  const header = splitLine(first, sep).map((h) => h.toLowerCase());
  if (header.includes("email")) {
    order = { name: header.indexOf("name"), email: header.indexOf("email"), company: header.indexOf("company") };
    lines.shift();
  }
  const leads: Lead[] = [];
  const skipped: ParsedLeads["skipped"] = [];
  for (const { text: raw, line } of lines) {
    const cells = splitLine(raw, sep);
    const lead = { name: cells[order.name] ?? "", email: cells[order.email] ?? "", company: cells[order.company] ?? "" };
    if (!EMAIL.test(lead.email)) skipped.push({ line, reason: `"${lead.email || raw}" is not an email address` });
    else if (!lead.name || !lead.company) skipped.push({ line, reason: "needs a name, an email and a company" });
    else leads.push(lead);
  }
  return { leads, skipped };
}

const FIRST = [
  "Avery",
  "Blake",
  "Casey",
  "Devon",
  "Emery",
  "Finley",
  "Harper",
  "Jordan",
  "Kai",
  "Logan",
  "Morgan",
  "Quinn",
  "Riley",
  "Sage",
  "Taylor",
];
const LAST = ["Nakamura", "Okafor", "Lindqvist", "Moreau", "Castillo", "Novak", "Haddad", "Fischer", "Iyer", "Kowalski", "Brennan"];
const COMPANIES = [
  "Northwind",
  "Bluebird Labs",
  "Fjord Analytics",
  "Lumen Health",
  "Pinecone Logistics",
  "Quarry Studio",
  "Redwood Bank",
  "Sable Robotics",
];

/** `count` distinct, plausible sample leads at example.com addresses (reserved for examples). */
export function sampleLeads(count: number, offset = 0): Lead[] {
  return Array.from({ length: count }, (_, k) => {
    const i = k + offset;
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    const company = COMPANIES[(i * 7) % COMPANIES.length]!;
    return { name: `${first} ${last}`, email: `${first}.${last}.${i + 1}@example.com`.toLowerCase(), company };
  });
}
