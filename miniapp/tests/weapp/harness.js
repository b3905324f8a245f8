/**
 * Loads the built WeChat mini-program (dist/weapp) in Node: fake App/Page/getApp globals, a `wx`
 * built on miniprogram-simulate's API stand-in with storage, wx.login and wx.request stubbed, and a
 * page instance whose setData applies Taro's path updates ("root.cn.[0].v") to page.data.
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
 * @param {object} options
 * @param {(request: {method: string, url: string, path: string, data: unknown, header: object}) => {statusCode: number, data: unknown}} options.answer
 */
function loadWeapp({ answer }) {
  const storage = new Map();
  const requests = [];
  const calls = { switchTab: [], navigateTo: [], reLaunch: [] };
  const simulated = require('miniprogram-simulate/src/api');
  const async = (fn) => (options = {}) => {
    setTimeout(() => {
      const result = fn(options);
      if (options.success) options.success(result);
      if (options.complete) options.complete(result);
    });
  };
  const wx = Object.assign({}, simulated, {
    getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key, value) => storage.set(key, value),
    removeStorageSync: (key) => storage.delete(key),
    login: async(() => ({ code: 'harness-code', errMsg: 'login:ok' })),
    switchTab: async((options) => (calls.switchTab.push(options.url), { errMsg: 'switchTab:ok' })),
    navigateTo: async((options) => (calls.navigateTo.push(options.url), { errMsg: 'navigateTo:ok' })),
    reLaunch: async((options) => (calls.reLaunch.push(options.url), { errMsg: 'reLaunch:ok' })),
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
        const node = findNode(page.data.root, (candidate) => Array.isArray(candidate.cn) && candidate.cn.some((child) => typeof child.v === 'string' && child.v.includes(label)));
        if (!node) throw new Error(`no element with text ${label}`);
        const id = node.uid || node.sid;
        page.eh({ type: 'tap', timeStamp: Date.now(), currentTarget: { id, dataset: {} }, target: { id, dataset: {} }, detail: {} });
      },
    };
  }

  return { wx, storage, requests, calls, openPage };
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

module.exports = { loadWeapp, eventually, distDir };
