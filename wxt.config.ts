import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// https://wxt.dev/api/config.html
export default defineConfig({
  // Explicit imports everywhere: a reader sees where every name comes from.
  imports: false,
  // MV3 for Firefox too (supported since Firefox 109; 128 is the ESR we target).
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: 'Talent Overlay',
    description:
      'Marks the people and organisations of the AI talent war on news pages, with their roles, moves and sources.',
    // unlimitedStorage: the compiled matcher of a large imported dataset exceeds storage.local's 10 MB.
    permissions: ['storage', 'unlimitedStorage', 'tabs'],
    // Importing a dataset from a URL asks for that host at the moment of import.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'talent-overlay@example.org', strict_min_version: '128.0' },
          },
        }
      : {}),
  }),
  vite: () => ({
    plugins: [preact()],
  }),
});
