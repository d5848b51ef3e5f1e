// Bundles src/ into dist/ (served by GeoApi). No network access at run time: Leaflet ships in the bundle.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
await build({
  entryPoints: ['src/main.js'],
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'iife',
  target: ['es2020'],
  outfile: 'dist/app.js',
  loader: { '.png': 'file' },
});
cpSync('src/index.html', 'dist/index.html');
cpSync('src/styles.css', 'dist/styles.css');
cpSync('node_modules/leaflet/dist/leaflet.css', 'dist/leaflet.css');
cpSync('node_modules/leaflet/dist/images', 'dist/images', { recursive: true });
cpSync('node_modules/@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css', 'dist/leaflet-geoman.css'); // MIT
console.log('web-map built into dist/');
