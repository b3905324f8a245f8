import Taro from '@tarojs/taro';
import { strings } from '../../../strings';

export type SaveOutcome = 'saved' | 'cancelled' | 'denied' | 'failed';

const errMsgOf = (error: unknown) => String((error as { errMsg?: unknown })?.errMsg ?? error);
/** "saveImageToPhotosAlbum:fail auth deny", "... auth denied", "authorize:fail ...": the album permission was refused. */
const refusedAlbum = (error: unknown) => /auth deny|auth denied|authorize:fail/i.test(errMsgOf(error));
const cancelled = (error: unknown) => /cancel/i.test(errMsgOf(error));

async function save(filePath: string): Promise<SaveOutcome> {
  try {
    await Taro.saveImageToPhotosAlbum({ filePath });
    return 'saved';
  } catch (error) {
    if (refusedAlbum(error)) return 'denied';
    return cancelled(error) ? 'cancelled' : 'failed';
  }
}

/**
 * Saves an image to the phone's album. WeChat asks for the album permission the first time; once it
 * was refused WeChat never asks again, so the member is told why and offered the settings page.
 */
export async function saveToAlbum(filePath: string): Promise<SaveOutcome> {
  const first = await save(filePath);
  if (first !== 'denied') return first;
  const { confirm } = await Taro.showModal({
    title: strings.growth.poster.albumDeniedTitle,
    content: strings.growth.poster.albumDeniedBody,
    confirmText: strings.growth.poster.openSetting,
    cancelText: strings.common.cancel,
  });
  if (!confirm) return 'denied';
  const { authSetting } = await Taro.openSetting();
  if (!authSetting['scope.writePhotosAlbum']) return 'denied';
  return save(filePath);
}
