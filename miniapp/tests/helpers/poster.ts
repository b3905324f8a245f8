import Taro from '@tarojs/taro';

/** One call the poster made on the fake 2D context. */
export interface CanvasCall {
  method: string;
  args: unknown[];
}

export interface FakeImage {
  src: string;
}

const CONTEXT_METHODS = ['fillRect', 'fillText', 'drawImage', 'beginPath', 'arc', 'fill', 'clip', 'save', 'restore', 'scale'] as const;

/**
 * Puts a fake canvas node behind Taro.createSelectorQuery, as WeChat answers for <Canvas type='2d'>:
 * its context records every drawing call; its images load (or fail, for the paths in `failing`) on the next tick.
 */
export function installPosterCanvas(options: { width?: number; height?: number; failing?: string[]; h5?: boolean } = {}) {
  const calls: CanvasCall[] = [];
  const images: FakeImage[] = [];
  const context: Record<string, unknown> = { fillStyle: '', font: '', textAlign: '', textBaseline: '' };
  for (const method of CONTEXT_METHODS) context[method] = (...args: unknown[]) => calls.push({ method, args });
  const node = {
    width: 0,
    height: 0,
    getContext: () => context,
    createImage: () => {
      const image = { onload: null as null | (() => void), onerror: null as null | ((error: unknown) => void), loaded: '' };
      const fake = {
        get src() {
          return image.loaded;
        },
        set src(value: string) {
          image.loaded = value;
          setTimeout(() => ((options.failing ?? []).includes(value) ? image.onerror?.(new Error('404')) : image.onload?.()));
        },
        set onload(callback: () => void) {
          image.onload = callback;
        },
        set onerror(callback: (error: unknown) => void) {
          image.onerror = callback;
        },
      };
      images.push(fake);
      return fake;
    },
    toDataURL: () => 'data:image/png;base64,iVBORw0KGgo=',
  };
  const size = { width: options.width ?? 300, height: options.height ?? 480 };
  // Taro H5 answers the DOM canvas without the size fields; the element carries its own.
  const answer = options.h5 ? { node: Object.assign(node, { clientWidth: size.width, clientHeight: size.height }) } : { node, ...size };
  (Taro.createSelectorQuery as jest.Mock).mockImplementation(() => {
    const query = { select: () => query, fields: () => query, exec: (callback: (result: unknown[]) => void) => callback([answer]) };
    return query;
  });
  return {
    node,
    calls,
    images,
    texts: () => calls.filter((call) => call.method === 'fillText').map((call) => call.args[0] as string),
    drawnImages: () => calls.filter((call) => call.method === 'drawImage').map((call) => (call.args[0] as FakeImage).src),
  };
}

export interface DownloadCall {
  path: string;
  authorization?: string;
}

/** Answers Taro.downloadFile per API path (after /api/v1) with a status and a local file; unknown paths answer 404. */
export function serveDownloads(files: Record<string, { status: number; tempFilePath: string }>): DownloadCall[] {
  const calls: DownloadCall[] = [];
  (Taro.downloadFile as jest.Mock).mockImplementation(async (options: { url: string; header?: Record<string, string> }) => {
    const path = new URL(options.url, 'http://localhost').pathname.replace(/^\/api\/v1/, '');
    calls.push({ path, authorization: options.header?.authorization });
    const file = files[path] ?? { status: 404, tempFilePath: 'blob:not-found' };
    return { statusCode: file.status, tempFilePath: file.tempFilePath, errMsg: 'downloadFile:ok' };
  });
  return calls;
}
