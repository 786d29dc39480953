// The virtual module vite-plugin-pwa serves (registerSW and its options).
/// <reference types="vite-plugin-pwa/vanillajs" />
