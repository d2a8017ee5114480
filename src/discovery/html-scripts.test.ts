import { describe, expect, it } from 'vitest';
import { extractScripts, findTagAttribute } from './html-scripts.js';
import { parseRobots, parseSitemapLocs } from './probes/robots-sitemap.js';

describe('page scripts', () => {
  it('finds external and inline scripts, preloads, and doc viewers', () => {
    const html = `<html><head>
      <script src="/js/app.js?v=1" defer></script>
      <SCRIPT type="module" src='https://cdn.example.com/lib.mjs'></SCRIPT>
      <script type="application/ld+json">{"@type":"Org"}</script>
      <script type="text/template"><div></div></script>
      <link rel="modulepreload" href="/js/chunk.js">
      <scripts>not a script</scripts>
      <script>window.cfg = { apiUrl: "/api" };</script>
      </head><body><div id="swagger-ui"></div></body></html>`;
    const r = extractScripts(html, 'https://www.example.com/index.html');
    expect(r.external).toEqual(['https://www.example.com/js/app.js?v=1', 'https://cdn.example.com/lib.mjs', 'https://www.example.com/js/chunk.js']);
    expect(r.inline).toEqual(['window.cfg = { apiUrl: "/api" };']);
    expect(r.apiDocViewer).toBe(true);
  });

  it('copes with unterminated tags and reads attributes', () => {
    expect(extractScripts('<script src="a.js"', 'http://x/').external).toEqual([]);
    expect(extractScripts('<script>fetch("/api")', 'http://x/').inline).toEqual(['fetch("/api")']);
    expect(findTagAttribute('<redoc spec-url="/openapi.yaml" hide-download>', 'redoc', 'spec-url')).toBe('/openapi.yaml');
    expect(findTagAttribute('<div>', 'redoc', 'spec-url')).toBeUndefined();
  });
});

describe('robots.txt and sitemaps', () => {
  it('reads paths and sitemaps', () => {
    expect(parseRobots('User-agent: *\nDisallow: /api/v1/admin/ # secret\nAllow: /graphql$\nDisallow: /*.pdf\nDisallow:\nSitemap: https://x.example/sm.xml\n')).toEqual({
      paths: ['/api/v1/admin/', '/graphql'],
      sitemaps: ['https://x.example/sm.xml'],
    });
    expect(parseSitemapLocs('<urlset><url><loc> https://x.example/a?b=1&amp;c=2 </loc></url><url><loc>https://x.example/api/v1</loc></url><loc>unterminated')).toEqual([
      'https://x.example/a?b=1&c=2',
      'https://x.example/api/v1',
    ]);
  });
});
