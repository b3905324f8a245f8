import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import PosterPage from '../../src/packages/growth/poster/index';
import { strings } from '../../src/strings';
import { hangAll, serveApi, signedIn } from '../helpers/fake-api';
import * as fixtures from '../helpers/fixtures';
import { installPosterCanvas, serveDownloads } from '../helpers/poster';

const CODE_PATH = 'wxfile://tmp/poster-code.png';
const taro = Taro as unknown as Record<string, jest.Mock>;

function servePoster() {
  const api = serveApi({ 'GET /me': { body: fixtures.me } });
  const downloads = serveDownloads({ '/me/poster-code': { status: 200, tempFilePath: CODE_PATH } });
  return { api, downloads };
}

async function drawn() {
  await waitFor(() => expect(screen.getByText(strings.growth.poster.save)).not.toBeDisabled());
}

describe('poster page', () => {
  beforeEach(() => signedIn());

  test('loading', () => {
    hangAll();
    render(<PosterPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test('the code image failing to download shows the error, and retrying draws the poster', async () => {
    serveApi({ 'GET /me': { body: fixtures.me } });
    serveDownloads({ '/me/poster-code': { status: 502, tempFilePath: 'wxfile://tmp/error.json' } });
    const canvas = installPosterCanvas();
    render(<PosterPage />);
    const error = await screen.findByTestId('state-error');
    expect(error).toHaveTextContent(strings.errors.server);

    serveDownloads({ '/me/poster-code': { status: 200, tempFilePath: CODE_PATH } });
    fireEvent.click(screen.getByText(strings.common.retry));
    await drawn();
    expect(canvas.drawnImages()).toEqual([CODE_PATH]);
  });

  test('a user who has not joined is invited to join, and no code is asked for', async () => {
    serveApi({ 'GET /me': { body: fixtures.meNotMember } });
    const downloads = serveDownloads({});
    render(<PosterPage />);
    expect(await screen.findByTestId('state-empty')).toHaveTextContent(strings.home.notMemberTitle);
    fireEvent.click(screen.getByText(strings.home.joinAction));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/auth/join/index' });
    expect(downloads).toEqual([]);
  });

  test('a removed member is told why there is no poster', async () => {
    serveApi({ 'GET /me': { body: { ...fixtures.me, member: { ...fixtures.member, status: 'removed' } } } });
    const downloads = serveDownloads({});
    render(<PosterPage />);
    expect(await screen.findByTestId('state-empty')).toHaveTextContent(strings.growth.poster.inactive(strings.member.status.removed));
    expect(downloads).toEqual([]);
  });

  test('draws the brand, the initial, the nickname, the code from the server and the referral code at the screen’s pixel ratio', async () => {
    const { downloads } = servePoster();
    const canvas = installPosterCanvas({ width: 300, height: 480 });
    render(<PosterPage />);
    await drawn();
    expect(downloads).toEqual([{ path: '/me/poster-code', authorization: 'Bearer access-1' }]);
    expect(canvas.node.width).toBe(600);
    expect(canvas.node.height).toBe(960);
    expect(canvas.calls.find((call) => call.method === 'scale')?.args).toEqual([2, 2]);
    expect(canvas.texts()).toEqual([
      strings.growth.poster.brand,
      strings.growth.poster.slogan,
      '超',
      '超级粉丝阿花',
      strings.growth.poster.invite,
      strings.growth.poster.scanHint,
      strings.growth.poster.referralCode('DK4XL'),
    ]);
    expect(canvas.drawnImages()).toEqual([CODE_PATH]);
  });

  test('an image that does not load shows the failure over the poster; trying again redraws it', async () => {
    servePoster();
    installPosterCanvas({ failing: [CODE_PATH] });
    render(<PosterPage />);
    expect(await screen.findByText(strings.growth.poster.drawFailed)).toBeInTheDocument();
    expect(screen.getByText(strings.growth.poster.save)).toBeDisabled();

    const canvas = installPosterCanvas();
    fireEvent.click(screen.getByText(strings.common.retry));
    await drawn();
    expect(canvas.drawnImages()).toEqual([CODE_PATH]);
  });

  test('saving exports the canvas and puts the file in the album', async () => {
    servePoster();
    const canvas = installPosterCanvas();
    render(<PosterPage />);
    await drawn();
    fireEvent.click(screen.getByText(strings.growth.poster.save));
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: strings.growth.poster.saved, icon: 'success' }));
    expect(taro.canvasToTempFilePath).toHaveBeenCalledWith(expect.objectContaining({ canvas: canvas.node }));
    expect(taro.saveImageToPhotosAlbum).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/poster.png' });
    expect(Taro.showModal).not.toHaveBeenCalled();
  });

  test('an album permission refused earlier: the member is told why and sent to the settings, then it saves', async () => {
    servePoster();
    installPosterCanvas();
    taro.saveImageToPhotosAlbum.mockRejectedValueOnce({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' });
    taro.openSetting.mockResolvedValueOnce({ authSetting: { 'scope.writePhotosAlbum': true } });
    render(<PosterPage />);
    await drawn();
    fireEvent.click(screen.getByText(strings.growth.poster.save));
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: strings.growth.poster.saved, icon: 'success' }));
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: strings.growth.poster.albumDeniedTitle, content: strings.growth.poster.albumDeniedBody, confirmText: strings.growth.poster.openSetting }));
    expect(taro.openSetting).toHaveBeenCalledTimes(1);
    expect(taro.saveImageToPhotosAlbum).toHaveBeenCalledTimes(2);
  });

  test('declining to open the settings saves nothing and says nothing more', async () => {
    servePoster();
    installPosterCanvas();
    taro.saveImageToPhotosAlbum.mockRejectedValue({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' });
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    render(<PosterPage />);
    await drawn();
    fireEvent.click(screen.getByText(strings.growth.poster.save));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    await waitFor(() => expect(screen.getByText(strings.growth.poster.save)).not.toBeDisabled());
    expect(taro.openSetting).not.toHaveBeenCalled();
    expect(Taro.showToast).not.toHaveBeenCalled();
  });

  describe('on H5', () => {
    beforeEach(() => {
      process.env.TARO_ENV = 'h5';
    });
    afterEach(() => {
      delete (process.env as Record<string, string | undefined>).TARO_ENV;
    });

    test('draws at the DOM canvas’s size and saves a data URL (H5 downloads it); sharing is left to WeChat', async () => {
      servePoster();
      const canvas = installPosterCanvas({ h5: true, width: 312, height: 499 });
      render(<PosterPage />);
      await drawn();
      expect(canvas.node.width).toBe(624);
      fireEvent.click(screen.getByText(strings.growth.poster.save));
      await waitFor(() => expect(taro.saveImageToPhotosAlbum).toHaveBeenCalledWith({ filePath: 'data:image/png;base64,iVBORw0KGgo=' }));
      expect(taro.canvasToTempFilePath).not.toHaveBeenCalled();

      fireEvent.click(screen.getByText(strings.growth.poster.share));
      expect(Taro.showToast).toHaveBeenCalledWith({ title: strings.growth.poster.shareInWechat, icon: 'none' });
      expect(taro.showShareMenu).not.toHaveBeenCalled();
      expect(screen.queryByText(strings.growth.poster.useAvatar)).toBeNull();
    });
  });

  test('sharing sends friends to the join page with the member’s referral code', async () => {
    servePoster();
    installPosterCanvas();
    render(<PosterPage />);
    await drawn();
    expect(taro.showShareMenu).toHaveBeenCalledWith({ withShareTicket: true });
    const onShare = taro.useShareAppMessage.mock.calls.at(-1)?.[0] as () => { title: string; path: string };
    expect(onShare()).toEqual({ title: strings.growth.poster.shareTitle('超级粉丝阿花'), path: '/packages/auth/join/index?scene=DK4XL' });
  });
});
