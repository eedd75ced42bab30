import { afterEach, describe, expect, it } from "vitest";
import { createDistinctWorker } from "./distinct-worker";

const scope = globalThis as unknown as { Worker?: unknown; location?: unknown };
const saved = { Worker: scope.Worker, location: scope.location };

class FakeWorker {
  static urls: string[] = [];
  constructor(url: string | URL) {
    FakeWorker.urls.push(String(url));
  }
}

afterEach(() => {
  scope.Worker = saved.Worker;
  scope.location = saved.location;
  FakeWorker.urls = [];
});

describe("createDistinctWorker", () => {
  it("puts the worker's name in the script URL and keeps the bundler's #fragment", () => {
    scope.Worker = FakeWorker;
    scope.location = { href: "https://chat.example/" };
    const bootstrap = "/_next/static/chunks/turbopack-worker.js#params=%5B%5D";
    createDistinctWorker("markdown", () => new Worker(bootstrap));
    createDistinctWorker("search", () => new Worker(bootstrap));
    expect(FakeWorker.urls).toEqual([
      "https://chat.example/_next/static/chunks/turbopack-worker.js?worker=markdown#params=%5B%5D",
      "https://chat.example/_next/static/chunks/turbopack-worker.js?worker=search#params=%5B%5D",
    ]);
  });

  it("puts the real Worker back, also when starting one throws", () => {
    scope.Worker = FakeWorker;
    expect(() =>
      createDistinctWorker("broken", () => {
        throw new Error("no workers here");
      }),
    ).toThrow("no workers here");
    expect(scope.Worker).toBe(FakeWorker);
  });
});
