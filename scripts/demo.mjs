// `npm run demo`: the app against the bundled mock upstream, so anyone can try it without a key.
// Type `mock:<scenario>` in a message (see e2e/mock-upstream.mjs) to see errors and stream quirks.
import { spawn } from "node:child_process";
import path from "node:path";
import { startMockUpstream } from "../e2e/mock-upstream.mjs";

const root = path.resolve(import.meta.dirname, "..");
const mock = await startMockUpstream({ port: Number(process.env.MOCK_PORT) || 0 });
console.log(`Mock OpenAI-compatible upstream on ${mock.url}`);

const env = { ...process.env, BASE_URL: mock.url, OPENAI_API_KEY: "sk-demo-not-a-real-key" };
const app = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], { cwd: root, env, stdio: "inherit" });
const stop = async (code) => {
  await mock.close();
  process.exit(code ?? 0);
};
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => app.kill(sig));
app.on("exit", (code) => void stop(code));
