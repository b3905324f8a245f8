/**
 * The @tarojs/taro the component tests see: every API a page touches, as jest.fn()s with working
 * defaults (in-memory storage, navigation that resolves, modals that confirm). helpers/setup.ts
 * restores the defaults before each test; tests override what they need (usually `request`).
 */
/** Shared through globalThis so a test's jest.isolateModules() copy of the app sees the same stub. */
const shared = globalThis as unknown as { __taroStubStorage?: Map<string, unknown>; __taroStub?: unknown };
const storage = (shared.__taroStubStorage ??= new Map<string, unknown>());

function defaults() {
  return {
    request: jest.fn((_options: unknown): Promise<unknown> => Promise.reject(new Error('no request handler installed'))),
    login: jest.fn(() => Promise.resolve({ code: 'wx-code', errMsg: 'login:ok' })),
    getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
    setStorageSync: jest.fn((key: string, value: unknown) => {
      storage.set(key, value);
    }),
    removeStorageSync: jest.fn((key: string) => {
      storage.delete(key);
    }),
    navigateTo: jest.fn((_options: unknown) => Promise.resolve()),
    switchTab: jest.fn((_options: unknown) => Promise.resolve()),
    reLaunch: jest.fn((_options: unknown) => Promise.resolve()),
    redirectTo: jest.fn((_options: unknown) => Promise.resolve()),
    showModal: jest.fn((_options: unknown) => Promise.resolve({ confirm: true, cancel: false })),
    showToast: jest.fn((_options: unknown) => Promise.resolve()),
    setClipboardData: jest.fn((_options: unknown) => Promise.resolve()),
    scanCode: jest.fn((_options: unknown): Promise<{ result: string }> => Promise.reject({ errMsg: 'scanCode:fail cancel' })),
    downloadFile: jest.fn((_options: unknown): Promise<unknown> => Promise.reject(new Error('no download handler installed'))),
    uploadFile: jest.fn((_options: unknown): Promise<unknown> => Promise.reject(new Error('no upload handler installed'))),
    chooseMedia: jest.fn((_options: unknown): Promise<unknown> => Promise.reject({ errMsg: 'chooseMedia:fail cancel' })),
    previewImage: jest.fn((_options: unknown) => Promise.resolve()),
    // The subscribe dialog: by default the member accepts none of the templates; tests answer per template id.
    requestSubscribeMessage: jest.fn((_options: { tmplIds: string[] }): Promise<Record<string, string>> => Promise.resolve({ errMsg: 'requestSubscribeMessage:ok' })),
    // The poster's canvas: tests install a fake node (tests/helpers/poster.ts); by default none is found.
    createSelectorQuery: jest.fn(() => {
      const query = { select: () => query, fields: () => query, exec: (callback: (result: unknown[]) => void) => callback([null]) };
      return query;
    }),
    nextTick: jest.fn((callback: () => void) => setTimeout(callback, 0)),
    getWindowInfo: jest.fn(() => ({ pixelRatio: 2, windowWidth: 375 })),
    canvasToTempFilePath: jest.fn((_options: unknown) => Promise.resolve({ tempFilePath: 'wxfile://tmp/poster.png', errMsg: 'canvasToTempFilePath:ok' })),
    saveImageToPhotosAlbum: jest.fn((_options: unknown): Promise<unknown> => Promise.resolve({ errMsg: 'saveImageToPhotosAlbum:ok' })),
    openSetting: jest.fn((): Promise<{ authSetting: Record<string, boolean> }> => Promise.resolve({ authSetting: {} })),
    // WeChat Pay's sheet: by default the buyer pays; tests reject with { errMsg: 'requestPayment:fail cancel' } and the like.
    requestPayment: jest.fn((_options: unknown): Promise<unknown> => Promise.resolve({ errMsg: 'requestPayment:ok' })),
    showShareMenu: jest.fn((_options: unknown) => Promise.resolve()),
    pageScrollTo: jest.fn((_options: unknown) => Promise.resolve()),
    useShareAppMessage: jest.fn(),
    stopPullDownRefresh: jest.fn(),
    useDidShow: jest.fn(),
    usePullDownRefresh: jest.fn(),
    useRouter: jest.fn(() => ({ params: {} as Record<string, string> })),
  };
}

type TaroStub = ReturnType<typeof defaults>;
const Taro = (shared.__taroStub ??= defaults()) as TaroStub;

export function resetTaroStub(): void {
  storage.clear();
  Object.assign(Taro, defaults());
}

export default Taro;
