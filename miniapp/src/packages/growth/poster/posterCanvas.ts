import Taro from '@tarojs/taro';
import { drawPoster, type PosterContent, type PosterContext } from './drawPoster';

/** An image a canvas draws: canvas.createImage() on WeChat, an HTMLImageElement on H5. */
interface CanvasImage {
  src: string;
  onload: (() => void) | null;
  onerror: ((error: unknown) => void) | null;
}

/** The node behind <Canvas type='2d' id='poster'>: WeChat's Canvas, or the DOM canvas on H5. */
export interface PosterCanvas {
  width: number;
  height: number;
  /** H5 only: the DOM canvas's size in CSS pixels. */
  clientWidth?: number;
  clientHeight?: number;
  getContext(type: '2d'): PosterContext & { scale(x: number, y: number): void };
  /** WeChat only; on H5 images are DOM images. */
  createImage?: () => CanvasImage;
  toDataURL(type: string): string;
}

export const POSTER_CANVAS_ID = 'poster';
/** The H5 build, against WeChat (and the jsdom tests, which stand in for it); read per call so a test can switch. */
export const onH5 = () => process.env.TARO_ENV === 'h5';

/** The rendered canvas node and its size in CSS pixels. */
function findCanvas(): Promise<{ node: PosterCanvas; width: number; height: number }> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${POSTER_CANVAS_ID}`)
      // H5 answers the node only when nodeCanvasType is asked for too; WeChat ignores it.
      .fields({ node: true, size: true, nodeCanvasType: true } as Taro.NodesRef.Fields)
      .exec((result: unknown[]) => {
        const hit = result?.[0] as { node?: PosterCanvas | null; width?: number; height?: number } | null;
        // H5 answers the node without the size: the DOM canvas has its own.
        const width = hit?.width ?? hit?.node?.clientWidth;
        const height = hit?.height ?? hit?.node?.clientHeight;
        if (hit?.node && width && height) resolve({ node: hit.node, width, height });
        else reject(new Error('the poster canvas is not on the page'));
      });
  });
}

function loadImage(canvas: PosterCanvas, src: string): Promise<CanvasImage> {
  const image: CanvasImage = canvas.createImage ? canvas.createImage() : (new Image() as unknown as CanvasImage);
  return new Promise((resolve, reject) => {
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error(`could not load ${src}`));
    image.src = src;
  });
}

/**
 * Draws the poster on the page's canvas at the screen's pixel ratio (sharp when saved) and answers
 * the canvas, for exporting. Call it after the canvas rendered (Taro.nextTick).
 */
export async function renderPoster(content: PosterContent, codePath: string, avatarPath: string | null): Promise<PosterCanvas> {
  const { node, width, height } = await findCanvas();
  const [code, avatar] = await Promise.all([loadImage(node, codePath), avatarPath ? loadImage(node, avatarPath) : Promise.resolve(null)]);
  const ratio = Taro.getWindowInfo().pixelRatio || 1;
  // Setting the size clears the canvas and its transform: scale after it.
  node.width = Math.round(width * ratio);
  node.height = Math.round(height * ratio);
  const ctx = node.getContext('2d');
  ctx.scale(ratio, ratio);
  drawPoster(ctx, { width, height }, content, { code, avatar });
  return node;
}

/**
 * The drawn poster as a file to save: WeChat exports a 2D canvas to a temporary file; on H5,
 * canvasToTempFilePath cannot take a 2D canvas, so it is a data URL (which H5's save downloads).
 */
export async function exportPoster(canvas: PosterCanvas): Promise<string> {
  if (onH5()) return canvas.toDataURL('image/png');
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: canvas as unknown as Taro.Canvas, fileType: 'png' });
  return tempFilePath;
}
