import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The storefront always talks to /graphql on its own origin: `npm start` serves the build and
// proxies /graphql to the gateway; `npm run dev` here does the same with Vite's proxy.
const gateway = process.env.SHOPGRAPH_GATEWAY_URL ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: process.env.STOREFRONT_OUT_DIR ?? 'dist', emptyOutDir: true },
  server: { port: 4100, proxy: { '/graphql': { target: gateway, ws: true, changeOrigin: true } } },
});
