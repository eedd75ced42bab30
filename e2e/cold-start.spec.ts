import { expect, test, useStack } from "./fixtures";
import { ChatPage } from "./pages/chat-page";

const stack = useStack();

/**
 * Holds the app's IndexedDB open (its success event) until the test calls window.__releaseStorage():
 * a slow disk at start, made observable.
 */
function holdStorage() {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  (window as unknown as { __releaseStorage: () => void }).__releaseStorage = release;
  const open = indexedDB.open.bind(indexedDB);
  indexedDB.open = (...args: Parameters<IDBFactory["open"]>) => {
    const request = open(...args);
    const add = request.addEventListener.bind(request);
    request.addEventListener = ((type: string, listener: EventListener, options?: AddEventListenerOptions) =>
      add(type, type === "success" ? (e: Event) => void held.then(() => listener(e)) : listener, options)) as IDBOpenDBRequest["addEventListener"];
    return request;
  };
}

test("the composer takes a message while storage still loads, and sends it once the start is complete", async ({ page }) => {
  await page.addInitScript(holdStorage);
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.send("typed before the start completed");
  // Held, not lost: the text stays and the send waits.
  await expect(chat.composer).toHaveValue("typed before the start completed");
  await expect(page.getByTestId("send-button")).toHaveAttribute("aria-busy", "true");
  await expect(page.getByTestId("settings-button")).toBeDisabled();
  await expect(chat.messages).toHaveCount(0);

  await page.evaluate(() => (window as unknown as { __releaseStorage: () => void }).__releaseStorage());
  await expect(chat.assistant()).toHaveAttribute("data-status", "done", { timeout: 20_000 });
  await expect(page.getByText("typed before the start completed", { exact: true })).toBeVisible();
  await expect(chat.composer).toHaveValue("");
  await expect(page.getByTestId("settings-button")).toBeEnabled();
});

test("a first visit whose config request drops twice still starts the chat, with no error card", async ({ page }) => {
  let dropped = 0;
  await page.route("**/api/config", async (route) => {
    if (dropped < 2) {
      dropped++;
      return route.abort("connectionreset");
    }
    return route.continue();
  });
  const chat = new ChatPage(page);
  await chat.open(stack.app.url);
  await chat.send("hello after a shaky start");
  await expect(chat.assistant()).toHaveAttribute("data-status", "done", { timeout: 20_000 });
  expect(dropped).toBe(2);
  await expect(page.getByTestId("kept-draft")).toHaveCount(0);
});
