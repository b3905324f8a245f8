import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import QRCode from 'qrcode';

/** The white margin the QR standard asks for, in modules, so a scanner finds the code's edge. */
const QUIET_MODULES = 4;

export interface QrMatrix {
  /** Modules across, without the quiet zone. */
  size: number;
  get(row: number, col: number): number | boolean;
}

export const qrMatrix = (text: string): QrMatrix => QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;

/** Modules across with the quiet zone on both sides. */
export const qrSideModules = (matrix: QrMatrix) => matrix.size + QUIET_MODULES * 2;

/**
 * Draws the code module by module in device pixels, each module a whole number of pixels, quiet
 * zone included, from (left, top): a scaled bitmap would blur the edges a phone camera (or jsQR) reads.
 * Expects an identity transform.
 */
export function drawQrModules(ctx: SKRSContext2D, matrix: QrMatrix, at: { left: number; top: number; modulePx: number }): void {
  const { left, top, modulePx } = at;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(left, top, qrSideModules(matrix) * modulePx, qrSideModules(matrix) * modulePx);
  ctx.fillStyle = '#000000';
  for (let row = 0; row < matrix.size; row += 1) {
    for (let col = 0; col < matrix.size; col += 1) {
      if (matrix.get(row, col)) ctx.fillRect(left + (col + QUIET_MODULES) * modulePx, top + (row + QUIET_MODULES) * modulePx, modulePx, modulePx);
    }
  }
}

/** A bare QR code as a PNG at most sidePxMax wide (whole pixels per module, so usually a little less). */
export async function qrCodePng(text: string, sidePxMax: number): Promise<Buffer> {
  const matrix = qrMatrix(text);
  const modulePx = Math.max(1, Math.floor(sidePxMax / qrSideModules(matrix)));
  const sidePx = qrSideModules(matrix) * modulePx;
  const canvas = createCanvas(sidePx, sidePx);
  drawQrModules(canvas.getContext('2d'), matrix, { left: 0, top: 0, modulePx });
  return canvas.encode('png');
}
