import { expect, type Locator, type Page } from "@playwright/test";

/** The connection doctor panel, by its stable test ids. */
export class DoctorPanel {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByTestId("doctor-dialog");
  }
  get panel(): Locator {
    return this.page.getByTestId("doctor-panel");
  }
  step(id: "reach" | "url" | "key" | "model" | "stream" | "identity"): Locator {
    return this.dialog.locator(`[data-testid="doctor-step"][data-step="${id}"]`);
  }

  /** Opens it from Settings (the `doctor-button`). */
  async openFromSettings() {
    await this.page.getByTestId("settings-button").click();
    await this.page.getByTestId("doctor-button").click();
    await expect(this.dialog).toBeVisible();
  }

  /** Runs the checks and waits until the run is over (whatever it found). */
  async run(options: { model?: string; identity?: boolean } = {}) {
    if (options.model !== undefined) await this.dialog.getByTestId("doctor-model").fill(options.model);
    if (options.identity !== undefined) await this.dialog.getByTestId("doctor-identity").setChecked(options.identity);
    const runs = Number(await this.panel.getAttribute("data-runs"));
    await this.dialog.getByTestId("doctor-run").click();
    await expect(this.panel).toHaveAttribute("data-runs", String(runs + 1), { timeout: 60_000 });
  }

  async expectStatuses(statuses: Partial<Record<"reach" | "url" | "key" | "model" | "stream" | "identity", string>>) {
    for (const [id, status] of Object.entries(statuses)) await expect(this.step(id as "reach"), id).toHaveAttribute("data-status", status);
  }

  async close() {
    await this.page.getByTestId("doctor-close").click();
    await expect(this.dialog).toBeHidden();
  }
}
