import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/** The shared package ships TypeScript source; Taro's babel rule must compile it like our own src/. */
const sharedSourceDir = path.resolve(__dirname, '../../shared/src');

/**
 * Where the mini-program sends its requests. H5 is served by the API server itself, so it uses the
 * same origin (''). The WeChat build needs an absolute https host in production: SHARECIRCLE_API_BASE.
 */
function apiBase(platform: string | undefined): string {
  if (platform === 'h5') return process.env.SHARECIRCLE_H5_API_BASE ?? '';
  return process.env.SHARECIRCLE_API_BASE ?? 'http://localhost:3000';
}

export default defineConfig<'webpack5'>(async (merge) => {
  const platform = process.env.TARO_ENV;
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'sharecircle',
    date: '2026-11-23',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${platform ?? 'weapp'}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase(platform)),
    },
    alias: {
      '@': path.resolve(__dirname, '../src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [sharedSourceDir] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedSourceDir] },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      /**
       * Taro splits only the initial chunks on H5, so every lazily loaded page got its own copy of
       * zod, the shared schemas and the Taro components (~235 KB each). Share them across all chunks.
       */
      webpackChain(chain) {
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' });
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
