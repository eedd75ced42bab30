/**
 * Starts a worker whose script URL names it. Turbopack starts every worker from one bootstrap
 * script and tells it which chunks to load in the URL's #fragment. Two workers started close
 * together can share one script response (the fragment is no part of the cache key), and the
 * second then runs the first one's code: the markdown worker came up as a second search worker,
 * never said it was ready, and the search once got the markdown worker's answers. A query with
 * the worker's name makes each script URL distinct.
 *
 * `create` must call `new Worker(new URL("./x.worker.ts", import.meta.url), …)` itself: that form
 * is what the bundler rewrites, and the rewritten code looks `Worker` up when it runs.
 */
export function createDistinctWorker(name: string, create: () => Worker): Worker {
  const scope = globalThis as { Worker: typeof Worker };
  const Original = scope.Worker;
  class NamedUrlWorker extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      const distinct = new URL(String(url), globalThis.location?.href);
      distinct.searchParams.set("worker", name);
      super(distinct, options);
    }
  }
  scope.Worker = NamedUrlWorker;
  try {
    return create();
  } finally {
    scope.Worker = Original;
  }
}
