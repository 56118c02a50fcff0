import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * The end-to-end tests' build (TALENT_OVERLAY_E2E=1) is the same extension with access to the
 * fixture server granted up front: headless Chromium cannot click the host-permission prompt that
 * importing from a URL raises, and `permissions.request` resolves at once for a granted host.
 * It also may import from loopback hosts (`import.meta.env.TALENT_OVERLAY_E2E`, read by
 * entrypoints/options/use-import.ts): the fixture server is http://127.0.0.1, which every other
 * build refuses as a private host (utils/import/download.ts). Plain http:// still needs the
 * reader's confirmation there, and a dataset's own source URLs follow the one rule of the schema.
 * It goes to .output/e2e so it never mixes with the build a user loads or zips.
 */
const e2e = process.env.TALENT_OVERLAY_E2E === '1';

// https://wxt.dev/api/config.html
export default defineConfig({
  outDir: e2e ? '.output/e2e' : '.output',
  // Explicit imports everywhere: a reader sees where every name comes from.
  imports: false,
  // MV3 for Firefox too. Marks are painted with the CSS Custom Highlight API: Firefox 140 has the API
  // but draws no text-decoration from ::highlight (seen in 140.12: no underlines), and web-features
  // lists Firefox 149 for the whole feature; 153 ESR draws the marks (the end-to-end tests run it).
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    // The name and description in the browser's language: public/_locales (en, zh_CN, zh_TW).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: settings (sync) and the compiled matcher (local). unlimitedStorage: the compiled
    // matcher of a large imported dataset exceeds storage.local's 10 MB. No `tabs`: the popup needs
    // only the active tab's id, and opening a tab needs no permission; the tests' build adds it for
    // the harness, which finds tabs by their address.
    permissions: ['storage', 'unlimitedStorage', ...(e2e ? ['tabs'] : [])],
    // The extension's own pages run only their own scripts, embed nothing and are embedded nowhere.
    // connect-src: a dataset is imported from an address the reader types (https; http after a warning).
    content_security_policy: {
      extension_pages: [
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
        "frame-src 'none'",
        "img-src 'self' data:",
        "style-src 'self'",
        "connect-src 'self' https: http:",
      ].join('; '),
    },
    // Importing a dataset from a URL asks for that host at the moment of import.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    ...(e2e ? { host_permissions: ['http://127.0.0.1/*'] } : {}),
    // The content script's second stage (the card: utils/content/stage-two.ts) is imported from the
    // page's content script, so pages' origins may load it; Chrome serves it under a per-session
    // address, so a page cannot probe for it by the extension's id.
    web_accessible_resources: [
      {
        resources: ['content-stage-two.js'],
        matches: ['http://*/*', 'https://*/*'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'talent-overlay@example.org',
              strict_min_version: '149.0',
              // Nothing is collected or sent: the page's text never leaves the browser.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : // Chrome 105 brought the CSS Custom Highlight API.
        { minimum_chrome_version: '105' }),
  }),
  hooks: {
    // The toolbar button's tooltip in the browser's language too (WXT takes it from the popup's <title>).
    'build:manifestGenerated': (_wxt, manifest) => {
      if (manifest.action) manifest.action.default_title = '__MSG_extName__';
    },
  },
  vite: () => ({
    plugins: [preact()],
    // Whether this is the tests' build, for the two things it does differently: the card's shadow
    // root is open (card-controller.tsx) and imports may come from loopback (options/use-import.ts).
    define: { 'import.meta.env.TALENT_OVERLAY_E2E': JSON.stringify(e2e) },
  }),
});
