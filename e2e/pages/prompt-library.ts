import { expect, type Locator, type Page } from "@playwright/test";
import type { ChatPage } from "./chat-page";

/** The prompt library dialog, by its stable test ids. */
export class PromptLibraryPage {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByTestId("prompt-library-dialog");
  }
  /** The user's own prompts (not the built-ins). */
  get mine(): Locator {
    return this.page.getByTestId("prompt-list-mine").getByTestId("prompt-item");
  }
  item(id: string): Locator {
    return this.page.locator(`[data-testid="prompt-item"][data-prompt-id="${id}"]`);
  }
  named(name: string): Locator {
    return this.page.getByTestId("prompt-item").filter({ has: this.page.getByTestId("prompt-name").getByText(name, { exact: true }) });
  }

  async open() {
    await this.page.getByTestId("prompt-library-button").click();
    await expect(this.dialog).toBeVisible();
  }
}

export interface ChatBody {
  model: string;
  temperature: number;
  messages: { role: string; content: string }[];
}

/** Sends a question, waits for its answer, and returns the one request the upstream got for it. */
export async function askAndRead(chat: ChatPage, chatRequests: () => { body: unknown }[], text: string): Promise<ChatBody> {
  const before = chatRequests().length;
  await chat.ask(text);
  expect(chatRequests().length).toBe(before + 1);
  return chatRequests().at(-1)!.body as ChatBody;
}
