/**
 * The site's icon, drawn inline: a white speech mark on the header's blue. Browsers ask for /favicon.ico on every
 * page whatever the markup says, so the same SVG answers there too (every current browser reads an SVG icon).
 */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#005a9c"/><path d="M8 9h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-9l-5 4v-4H8a2 2 0 0 1-2-2v-9a2 2 0 0 1 2-2z" fill="#fff"/></svg>`;
