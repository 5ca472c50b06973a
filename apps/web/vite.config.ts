import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

const apiTarget = process.env.ZT_API_URL ?? 'http://127.0.0.1:8080';

// Everything the server answers itself; the SPA owns every other path.
const serverPaths = ['/api', '/healthz', '/readyz', '/openapi.json', '/docs'];

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    // 'zt-source' first: workspace packages (@zhengtong/contracts) resolve to their TS source.
    conditions: ['zt-source', ...defaultClientConditions],
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(serverPaths.map((path) => [path, { target: apiTarget }])),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /[\\/]node_modules[\\/](react|react-dom|react-router|scheduler|@tanstack)[\\/]/,
              priority: 30,
            },
            {
              name: 'antd',
              test: /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs|@babel[\\/]runtime)[\\/]/,
              priority: 20,
            },
            // the BPMN viewer loads only with the process-definition pages
            {
              name: 'bpmn',
              test: /[\\/]node_modules[\\/](bpmn-js|diagram-js|bpmn-moddle|moddle|moddle-xml|saxen|min-dom|min-dash|tiny-svg|didi|path-intersection|ids|object-refs|inherits-browser|hammerjs|@bpmn-io)[\\/]/,
              priority: 15,
            },
            { name: 'vendor', test: /[\\/]node_modules[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
