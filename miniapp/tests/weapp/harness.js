/**
 * Loads the built WeChat mini-program (dist/weapp) in Node: fake App/Page/getApp globals, a `wx`
 * built on miniprogram-simulate's API stand-in with storage, wx.login and wx.request stubbed, a fake
 * device for the poster (canvas, album, downloads), and a page instance whose setData applies Taro's
 * path updates ("root.cn.[0].v") to page.data.
 */
const path = require('node:path');

const distDir = path.resolve(__dirname, '..', '..', 'dist', 'weapp');

function setPath(target, key, value) {
  const parts = [...key.matchAll(/\[(\d+)\]|[^.[\]]+/g)].map((match) => (match[1] !== undefined ? Number(match[1]) : match[0]));
  let node = target;
  for (let index = 0; index < parts.length - 1; index++) {
    if (node[parts[index]] === undefined || node[parts[index]] === null) node[parts[index]] = typeof parts[index + 1] === 'number' ? [] : {};
    node = node[parts[index]];
  }
  node[parts[parts.length - 1]] = value;
}

/** Every text of the rendered tree, in order. */
function texts(node, out = []) {
  if (!node || typeof node !== 'object') return out;
  if (typeof node.v === 'string') out.push(node.v);
  for (const child of node.cn || []) texts(child, out);
  return out;
}

function findNode(node, predicate) {
  if (!node || typeof node !== 'object') return null;
  if (predicate(node)) return node;
  for (const child of node.cn || []) {
    const found = findNode(child, predicate);
    if (found) return found;
  }
  return null;
}

/**
 * Answers like a wx API, on a later tick: success (or fail when `run` throws its result) and complete;
 * called without any of them, a promise instead, as WeChat's async APIs do (Taro passes some straight
 * through, requestPayment among them).
 */
function wxCall(run) {
  return (options = {}) => {
    const answered = new Promise((resolve) =>
      setTimeout(() => {
        try {
          resolve({ ok: true, result: run(options) });
        } catch (failure) {
          resolve({ ok: false, result: failure });
        }
      }),
    );
    if (!options.success && !options.fail && !options.complete) return answered.then((outcome) => (outcome.ok ? outcome.result : Promise.reject(outcome.result)));
    void answered.then((outcome) => {
      if (outcome.ok && options.success) options.success(outcome.result);
      if (!outcome.ok && options.fail) options.fail(outcome.result);
      if (options.complete) options.complete(outcome.result);
    });
  };
}

/**
 * The device side of the poster: a <canvas type="2d"> node whose 2D context records every call, its
 * images (loaded on the next tick), export to a temporary file, and the photo album behind WeChat's
 * permission (`album`: 'granted', 'undecided' (granted when asked) or 'denied' (until openSetting
 * switches it on)). Also downloadFile, answered by `download`.
 */
function fakeDevice({ album = 'undecided', download, payment = 'paid' }) {
  const drawing = [];
  const context = { fillStyle: '', font: '', textAlign: '', textBaseline: '' };
  for (const method of ['fillRect', 'fillText', 'drawImage', 'beginPath', 'arc', 'fill', 'clip', 'save', 'restore', 'scale']) {
    context[method] = (...args) => drawing.push({ method, args });
  }
  const canvas = {
    width: 300,
    height: 150,
    getContext: (type) => (type === '2d' ? context : null),
    createImage: () => {
      const image = { onload: null, onerror: null, src: '' };
      return new Proxy(image, {
        set(target, key, value) {
          target[key] = value;
          if (key === 'src') setTimeout(() => target.onload && target.onload());
          return true;
        },
      });
    },
  };
  const canvasSize = { width: 300, height: 480 };
  const device = { drawing, canvas, queries: [], exported: [], saved: [], modals: [], toasts: [], settingsOpened: 0, shareMenu: [], albumPermission: album, payments: [] };
  const deny = (api) => {
    throw { errMsg: `${api}:fail auth deny` };
  };
  const wx = {
    createSelectorQuery: () => {
      const query = {
        in: () => query,
        select: (selector) => (device.queries.push(selector), query),
        fields: () => query,
        exec: (callback) => setTimeout(() => callback(device.queries.at(-1) === '#poster' ? [{ node: canvas, ...canvasSize }] : [null])),
      };
      return query;
    },
    getWindowInfo: () => ({ pixelRatio: 2, windowWidth: 375, windowHeight: 667, screenWidth: 375, screenHeight: 667, statusBarHeight: 20, safeArea: {} }),
    downloadFile: wxCall((options) => {
      const path = new URL(options.url).pathname.replace(/^\/api\/v1/, '');
      const reply = download ? download({ path, header: options.header || {} }) : { statusCode: 404, tempFilePath: 'wxfile://tmp/404' };
      return { ...reply, errMsg: 'downloadFile:ok' };
    }),
    canvasToTempFilePath: wxCall((options) => {
      if (options.canvas !== canvas) throw { errMsg: 'canvasToTempFilePath:fail canvas is empty' };
      const tempFilePath = `wxfile://tmp/poster-${device.exported.length + 1}.png`;
      device.exported.push(tempFilePath);
      return { tempFilePath, errMsg: 'canvasToTempFilePath:ok' };
    }),
    // The member switches the album on in the settings page.
    openSetting: wxCall(() => {
      device.settingsOpened += 1;
      device.albumPermission = 'granted';
      return { authSetting: { 'scope.writePhotosAlbum': true }, errMsg: 'openSetting:ok' };
    }),
    saveImageToPhotosAlbum: wxCall((options) => {
      if (device.albumPermission === 'denied') deny('saveImageToPhotosAlbum');
      device.albumPermission = 'granted';
      device.saved.push(options.filePath);
      return { errMsg: 'saveImageToPhotosAlbum:ok' };
    }),
    // WeChat Pay's sheet: records what it was given; the buyer pays, or closes it ('cancel').
    requestPayment: wxCall((options) => {
      device.payments.push(options);
      if (payment === 'cancel') throw { errMsg: 'requestPayment:fail cancel' };
      return { errMsg: 'requestPayment:ok' };
    }),
    showModal: wxCall((options) => (device.modals.push(options), { confirm: true, cancel: false, errMsg: 'showModal:ok' })),
    showToast: wxCall((options) => (device.toasts.push(options.title), { errMsg: 'showToast:ok' })),
    showShareMenu: wxCall((options) => (device.shareMenu.push(options), { errMsg: 'showShareMenu:ok' })),
  };
  return { wx, device };
}

/**
 * @param {object} options
 * @param {(request: {method: string, url: string, path: string, data: unknown, header: object}) => {statusCode: number, data: unknown}} options.answer
 * @param {(request: {path: string, header: object}) => {statusCode: number, tempFilePath: string}} [options.download]
 * @param {'granted' | 'undecided' | 'denied'} [options.album]
 * @param {'paid' | 'cancel'} [options.payment] what the buyer does in WeChat Pay's sheet
 */
function loadWeapp({ answer, download, album, payment }) {
  const storage = new Map();
  const requests = [];
  const calls = { switchTab: [], navigateTo: [], reLaunch: [] };
  const simulated = require('miniprogram-simulate/src/api');
  const { wx: deviceApi, device } = fakeDevice({ album, download, payment });
  const wx = Object.assign({}, simulated, deviceApi, {
    getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key, value) => storage.set(key, value),
    removeStorageSync: (key) => storage.delete(key),
    login: wxCall(() => ({ code: 'harness-code', errMsg: 'login:ok' })),
    switchTab: wxCall((options) => (calls.switchTab.push(options.url), { errMsg: 'switchTab:ok' })),
    navigateTo: wxCall((options) => (calls.navigateTo.push(options.url), { errMsg: 'navigateTo:ok' })),
    reLaunch: wxCall((options) => (calls.reLaunch.push(options.url), { errMsg: 'reLaunch:ok' })),
    request: (options) => {
      const url = new URL(options.url);
      const request = { method: options.method || 'GET', url: options.url, path: url.pathname.replace(/^\/api\/v1/, ''), data: options.data, header: options.header || {} };
      requests.push(request);
      setTimeout(() => {
        const reply = answer(request);
        const result = { statusCode: reply.statusCode, data: reply.data, header: {}, errMsg: 'request:ok' };
        if (options.success) options.success(result);
        if (options.complete) options.complete(result);
      });
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
    },
  });

  let appConfig = null;
  const pageConfigs = [];
  let appInstance = null;
  let currentPages = [];
  Object.assign(global, {
    wx,
    App: (config) => {
      appConfig = config;
    },
    Page: (config) => {
      pageConfigs.push(config);
    },
    Component: () => undefined,
    getApp: () => appInstance,
    getCurrentPages: () => currentPages,
  });

  require(path.join(distDir, 'app.js'));
  if (!appConfig) throw new Error('dist/weapp/app.js did not call App()');
  appInstance = Object.assign({}, appConfig);
  const launch = { path: 'pages/home/index', query: {}, scene: 1001 };
  appInstance.onLaunch(launch);
  appInstance.onShow(launch);

  function tapNode(node, label) {
    if (!node) throw new Error(`no element with text ${label}`);
    const page = currentPages[0];
    const id = node.uid || node.sid;
    page.eh({ type: 'tap', timeStamp: Date.now(), currentTarget: { id, dataset: {} }, target: { id, dataset: {} }, detail: {} });
  }

  function openPage(route, query = {}) {
    const before = pageConfigs.length;
    require(path.join(distDir, `${route}.js`));
    const config = pageConfigs[before];
    if (!config) throw new Error(`${route}.js did not call Page()`);
    const page = Object.assign({}, config, {
      route,
      __route__: route,
      options: query,
      data: JSON.parse(JSON.stringify(config.data || {})),
      setData(data, callback) {
        for (const [key, value] of Object.entries(data)) setPath(this.data, key, value === undefined ? value : JSON.parse(JSON.stringify(value)));
        if (callback) setTimeout(callback);
      },
      selectComponent: () => null,
    });
    currentPages = [page];
    page.onLoad(query);
    page.onShow();
    page.onReady();
    return {
      page,
      texts: () => texts(page.data.root),
      text: () => texts(page.data.root).join(''),
      /** Taps the element whose direct text children contain `label`, through the page's event handler. */
      tap(label) {
        tapNode(findNode(page.data.root, (candidate) => Array.isArray(candidate.cn) && candidate.cn.some((child) => typeof child.v === 'string' && child.v.includes(label))), label);
      },
      /** Types into the input with this placeholder (props are shortened in the data tree) as WeChat's bindinput would. */
      type(placeholder, value) {
        const input = findNode(page.data.root, (node) => !node.cn?.length && Object.values(node).includes(placeholder));
        if (!input) throw new Error(`no input with placeholder ${placeholder}`);
        const id = input.uid || input.sid;
        page.eh({ type: 'input', timeStamp: Date.now(), currentTarget: { id, dataset: {} }, target: { id, dataset: {} }, detail: { value } });
      },
      /** Taps the element around the one holding exactly `label` (a stepper's round button holds its "+" in a Text). */
      tapAround(label) {
        const holdsLabel = (node) => Array.isArray(node.cn) && node.cn.some((child) => typeof child.v === 'string' && child.v === label);
        tapNode(findNode(page.data.root, (node) => Array.isArray(node.cn) && node.cn.some(holdsLabel)), label);
      },
    };
  }

  return { wx, storage, requests, calls, device, openPage };
}

/** Polls until `check` stops throwing (React commits and setData happen on timers). */
async function eventually(check, timeoutMs = 5000) {
  const started = Date.now();
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** What the server answers a path the test did not expect: the API's own 404. */
const routeNotFound = (request) => ({ statusCode: 404, data: { error: { code: 'ROUTE_NOT_FOUND', message: request.path } } });

/** An `answer` for loadWeapp from replies by "METHOD /path"; anything else is routeNotFound. */
const answerFrom = (replies) => (request) => replies[`${request.method} ${request.path}`] ?? routeNotFound(request);

module.exports = { loadWeapp, eventually, distDir, answerFrom, routeNotFound };
