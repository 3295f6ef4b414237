import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev -w @qunzhu/console` serves the console with hot reload on :5173 and sends API calls
// to a server started with `npx qunzhu start` (QUNZHU_API, default http://127.0.0.1:8080).
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': process.env.QUNZHU_API ?? 'http://127.0.0.1:8080',
      '/healthz': process.env.QUNZHU_API ?? 'http://127.0.0.1:8080',
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // Charts load when a page draws one; antd and React are shared by every page.
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'charts';
          return undefined;
        },
      },
    },
  },
});
