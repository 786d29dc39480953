// Writes public/icon-192.png, public/icon-512.png and public/icon-maskable-512.png: the favicon's
// design (a slate square with a blue and an orange bar, as in public/favicon.svg) drawn pixel by
// pixel and encoded as PNG with node's zlib, so no image tool or browser is needed.
// Run: node scripts/make-icons.mjs (the PNGs are committed; run again only to change the design).
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SLATE = [0x2f, 0x3a, 0x4a];
const BLUE = [0x00, 0x72, 0xb2];
const ORANGE = [0xd5, 0x5e, 0x00];

/** The favicon's 32×32 design at `size` px; `maskable` fills the square edge to edge (no rounding). */
function draw(size, maskable) {
  const s = size / 32;
  const radius = maskable ? 0 : 6 * s;
  // A maskable icon keeps its content in the central 80% safe zone.
  const inset = maskable ? 0.1 : 0;
  const map = (v) => (inset + (1 - 2 * inset) * (v / 32)) * size;
  const bars = [
    { x: map(7), y: map(11), w: map(19) - map(7), h: map(14) - map(11), c: BLUE },
    { x: map(7), y: map(20), w: map(25) - map(7), h: map(23) - map(20), c: ORANGE },
  ];
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      // Inside the rounded square?
      const cx = Math.min(Math.max(px, radius), size - radius);
      const cy = Math.min(Math.max(py, radius), size - radius);
      const inside = radius === 0 || (px - cx) ** 2 + (py - cy) ** 2 <= radius ** 2;
      const bar = bars.find((b) => px >= b.x && px < b.x + b.w && py >= b.y && py < b.y + b.h);
      const c = bar ? bar.c : SLATE;
      const o = (y * size + x) * 4;
      rgba[o] = c[0];
      rgba[o + 1] = c[1];
      rgba[o + 2] = c[2];
      rgba[o + 3] = inside ? 255 : 0;
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  // Each scanline starts with filter type 0 (none).
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = new URL('../public/', import.meta.url);
for (const [name, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-512.png', 512, true],
]) {
  writeFileSync(new URL(name, out), png(size, draw(size, maskable)));
  console.log(`public/${name} ${size}×${size}`);
}
