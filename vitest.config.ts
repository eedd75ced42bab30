import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // Next resolves `server-only` at build time; in unit tests it is an empty module.
      "server-only": path.resolve(__dirname, "lib/server/server-only-stub.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "store/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
  },
});
