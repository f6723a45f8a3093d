import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here("."),
  plugins: [react()],
  resolve: {
    alias: { "@web": here("./src"), "@contract": here("../contract") },
  },
  build: { outDir: here("../dist/web"), emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:4000",
      "/health": "http://127.0.0.1:4000",
      "/ready": "http://127.0.0.1:4000",
    },
  },
});
