import { expect, type Locator, type Page } from "@playwright/test";

/** What a user does on the chat page, by the stable test ids. */
export class ChatPage {
  constructor(readonly page: Page) {}

  get composer(): Locator {
    return this.page.getByTestId("composer-input");
  }
  get messages(): Locator {
    return this.page.getByTestId("message");
  }
  assistant(index = -1): Locator {
    const all = this.page.locator('[data-testid="message"][data-role="assistant"]');
    return index < 0 ? all.last() : all.nth(index);
  }

  async open(url: string) {
    await this.page.goto(url);
  }

  async enterCode(code: string) {
    await this.page.getByTestId("access-code-input").fill(code);
    await this.page.getByTestId("access-code-submit").click();
  }

  /** Types and sends a message with Enter, as a user would. */
  async send(text: string) {
    await this.composer.fill(text);
    await this.composer.press("Enter");
  }

  /** Sends and waits until the answer has finished (any final status). */
  async ask(text: string, status: "done" | "error" | "interrupted" = "done") {
    const before = await this.page.locator('[data-testid="message"][data-role="assistant"]').count();
    await this.send(text);
    const answer = this.assistant(before);
    await expect(answer).toHaveAttribute("data-status", status, { timeout: 20_000 });
    return answer;
  }

  async openSettings() {
    await this.page.getByTestId("settings-button").click();
    await expect(this.page.getByTestId("settings-dialog")).toBeVisible();
  }

  async closeSettings() {
    await this.page.getByTestId("settings-close").click();
    await expect(this.page.getByTestId("settings-dialog")).toBeHidden();
  }
}
