import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app makes no network request of its own; the build is a static bundle.
export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
  build: { target: 'es2022', sourcemap: true },
});
