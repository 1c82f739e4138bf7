import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/** The package's own sources stand in for `agentbus/*`, so the demo needs no build of the package. */
export const packageAliases = {
  "agentbus/client": fileURLToPath(new URL("./src/client.ts", import.meta.url)),
  "agentbus/react": fileURLToPath(new URL("./src/react.ts", import.meta.url)),
  "agentbus/chat": fileURLToPath(new URL("./src/chat.ts", import.meta.url)),
};

const application = `http://${process.env.AGENTBUS_ADDRESS ?? "localhost:8080"}`;

/**
 * The demo page (`demo/`), which the application serves at `/`. `npm run build:demo` writes it to
 * `dist-demo/`; the Maven build passes `--outDir` to put it in the application jar. `npm run dev`
 * serves it with hot reload, its agent URLs (and `/demo/chat-model`) proxied to the application
 * (`./agentbus run`) on AGENTBUS_ADDRESS, by default localhost:8080.
 */
export default defineConfig({
  root: fileURLToPath(new URL("./demo", import.meta.url)),
  resolve: { alias: packageAliases },
  build: { outDir: fileURLToPath(new URL("./dist-demo", import.meta.url)), emptyOutDir: true },
  server: {
    proxy: {
      "/agents": { target: application, ws: true },
      "/demo/chat-model": { target: application },
    },
  },
});
