import { createCanvas, loadImage } from '@napi-rs/canvas';
import jsQR from 'jsqr';

/** What the QR code in a PNG says, as a phone's scanner would read it; undefined when there is none. */
export async function decodeQr(png: Buffer): Promise<string | undefined> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data, width, height } = ctx.getImageData(0, 0, image.width, image.height);
  return jsQR(data, width, height)?.data;
}
