import { expect, type Download, type Locator, type Page } from "@playwright/test";
import fs from "node:fs";

/** Page object for /audit: the event list, its filter form and the CSV export. */
export class AuditPage {
  constructor(readonly page: Page) {}

  async open(query = "") {
    await this.page.goto(`/audit${query}`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Audit history" })).toBeVisible();
  }

  get events(): Locator {
    return this.page.getByTestId("audit-event");
  }

  /** The event row for one action on one subject (e.g. task.approved on task_…). */
  event(action: string, subjectId: string): Locator {
    return this.page.locator(`[data-testid="audit-event"][data-action="${action}"][data-subject-id="${subjectId}"]`);
  }

  get filters(): Locator {
    return this.page.getByRole("search", { name: "Filter the audit history" });
  }

  async filter(values: { action?: string; actor?: string }) {
    if (values.action !== undefined) await this.filters.getByLabel("Action", { exact: true }).fill(values.action);
    if (values.actor !== undefined) await this.filters.getByLabel("Actor", { exact: true }).selectOption({ label: values.actor });
    await this.filters.getByRole("button", { name: "Apply filters" }).click();
  }

  /** Clicks "Export CSV" and returns the downloaded file's name and text. */
  async exportCsv(): Promise<{ name: string; text: string }> {
    const [download]: [Download, void] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByRole("link", { name: "Export CSV" }).click(),
    ]);
    const file = await download.path();
    return { name: download.suggestedFilename(), text: fs.readFileSync(file, "utf8") };
  }
}
