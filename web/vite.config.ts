/// <reference types="vitest/config" />
// Builds the web app into web/dist, which CMake embeds into the chorus binary
// (src/app/CMakeLists.txt). The server's CSP forbids inline scripts and styles, so every
// script and stylesheet is an external file: no inlined assets, no inline modulepreload
// polyfill. base './' keeps every URL relative to index.html, which the server serves at "/".
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

export default defineConfig({
  base: './',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'es2022',
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
