import path from 'node:path'
import tailwindcss from '@tailwindcss/vite'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

// STEWARD_API points the dev proxy elsewhere (npm run dev:mock uses the in-memory mock in mock/)
const api = process.env.STEWARD_API ?? 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: { '@': path.resolve(import.meta.dirname, './src') },
  },
  // Vitest: the pure logic (formatters, form schemas, reducers) in files beside it named *.test.ts
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
  server: {
    proxy: {
      '/api': api,
      '/v3': api,
      '/actuator': api,
    },
  },
})
