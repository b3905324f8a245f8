#!/usr/bin/env node
/**
 * Draws the tab bar icons (81x81 PNG, WeChat's recommended size) into src/assets/.
 * Run once after changing a shape or a colour: node miniapp/scripts/make-tab-icons.js
 * Shapes are plain paths (no fonts), so the output is the same on every machine.
 */
const fs = require('node:fs');
const path = require('node:path');
const { createCanvas } = require('@napi-rs/canvas');

const SIZE = 81;
const COLORS = { normal: '#8f959e', active: '#1f7a5c' };
const outDir = path.join(__dirname, '..', 'src', 'assets');

const shapes = {
  home(ctx) {
    ctx.beginPath();
    ctx.moveTo(12, 38);
    ctx.lineTo(40.5, 12);
    ctx.lineTo(69, 38);
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(20, 32);
    ctx.lineTo(20, 68);
    ctx.lineTo(61, 68);
    ctx.lineTo(61, 32);
    ctx.stroke();
    ctx.strokeRect(34, 48, 13, 20);
  },
  earnings(ctx) {
    ctx.beginPath();
    ctx.arc(40.5, 40.5, 28, 0, Math.PI * 2);
    ctx.stroke();
    ctx.beginPath(); // the yuan sign: a Y with two bars
    ctx.moveTo(29, 24);
    ctx.lineTo(40.5, 40);
    ctx.lineTo(52, 24);
    ctx.moveTo(40.5, 40);
    ctx.lineTo(40.5, 58);
    ctx.moveTo(30, 42);
    ctx.lineTo(51, 42);
    ctx.moveTo(30, 50);
    ctx.lineTo(51, 50);
    ctx.stroke();
  },
  team(ctx) {
    ctx.beginPath();
    ctx.arc(30, 28, 10, 0, Math.PI * 2);
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(30, 64, 19, Math.PI * 1.05, Math.PI * 1.95);
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(55, 31, 8, 0, Math.PI * 2);
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(57, 64, 15, Math.PI * 1.2, Math.PI * 1.95);
    ctx.stroke();
  },
  me(ctx) {
    ctx.beginPath();
    ctx.arc(40.5, 28, 13, 0, Math.PI * 2);
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(40.5, 72, 26, Math.PI * 1.08, Math.PI * 1.92);
    ctx.stroke();
  },
};

fs.mkdirSync(outDir, { recursive: true });
for (const [name, draw] of Object.entries(shapes)) {
  for (const [state, color] of Object.entries(COLORS)) {
    const canvas = createCanvas(SIZE, SIZE);
    const ctx = canvas.getContext('2d');
    ctx.strokeStyle = color;
    ctx.lineWidth = 5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    draw(ctx);
    const file = path.join(outDir, `tab-${name}${state === 'active' ? '-active' : ''}.png`);
    fs.writeFileSync(file, canvas.toBuffer('image/png'));
    console.log(`${path.relative(process.cwd(), file)}  ${fs.statSync(file).size} bytes`);
  }
}
