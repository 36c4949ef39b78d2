import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Relative asset URLs: the gateway serves the build under /graphiql/ (gateway/src/explorer/), and
// nothing in it may come from another host, so the explorer works without internet access.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    outDir: process.env.EXPLORER_OUT_DIR ?? 'dist',
    emptyOutDir: true,
    // Monaco and its GraphQL and JSON workers are large by nature; they load once, from localhost.
    chunkSizeWarningLimit: 5_000,
    rolldownOptions: {
      // GraphiQL's React Compiler output marks modules "use no memo"; bundling drops the marker, harmlessly.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
