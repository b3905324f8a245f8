/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.scss';

/** Injected by config/index.ts (defineConstants): the API host, '' for same origin. */
declare const API_BASE: string;

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'rn' | 'harmony';
  }
}
