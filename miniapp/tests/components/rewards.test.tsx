import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import RewardsPage from '../../src/packages/growth/rewards/index';
import { strings } from '../../src/strings';
import { fail, hangAll, serveApi, serverError, signedIn, type Route } from '../helpers/fake-api';
import { certificate, grants } from '../helpers/growth-fixtures';

const text = strings.growth.rewards;
const taro = Taro as unknown as Record<string, jest.Mock>;

function typeInto(form: HTMLElement, placeholder: string, value: string) {
  fireEvent.change(within(form).getByPlaceholderText(placeholder), { target: { value } });
}

describe('rewards page', () => {
  beforeEach(() => signedIn());

  test('loading', () => {
    hangAll();
    render(<RewardsPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test('error', async () => {
    serveApi({ 'GET /me/rewards': serverError(), 'GET /me/certificates': { body: { items: [] } } });
    render(<RewardsPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent(strings.errors.server);
  });

  test('nothing granted yet', async () => {
    serveApi({ 'GET /me/rewards': { body: { items: [] } }, 'GET /me/certificates': { body: { items: [] } } });
    render(<RewardsPage />);
    expect(await screen.findByTestId('state-empty')).toHaveTextContent(text.empty);
  });

  test('every kind with its state: red packet in yuan, a code to copy, an empty pool, a privilege with its expiry', async () => {
    serveApi({
      'GET /me/rewards': { body: { items: [grants.cash, grants.code, grants.emptyPool, grants.privilege, grants.badge] } },
      'GET /me/certificates': { body: { items: [] } },
    });
    render(<RewardsPage />);
    expect(await screen.findByTestId('reward-1')).toHaveTextContent(`${text.kind.cash}${text.status.granted}¥8.88${text.cashHint}`);
    const code = screen.getByTestId('reward-2');
    expect(code).toHaveTextContent('视频会员月卡');
    expect(code).toHaveTextContent('VIP-7Q2K-99');
    fireEvent.click(within(code).getByText(text.copy));
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'VIP-7Q2K-99' });
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: text.copied, icon: 'none' }));
    expect(screen.getByTestId('reward-3')).toHaveTextContent(`${text.status.pool_empty}${text.poolEmpty}`);
    expect(screen.getByTestId('reward-7')).toHaveTextContent(text.privilege.group_admin_eligible);
    expect(screen.getByTestId('reward-7')).toHaveTextContent(text.expiresAt('2027-02-18'));
    expect(screen.getByTestId('reward-8')).toHaveTextContent('首单达成');
  });

  test('a gift waiting for an address: the form checks each field, then sends it and shows the gift waiting for shipment', async () => {
    let confirmed = false;
    const routes: Record<string, Route> = {
      'GET /me/rewards': () => ({
        status: 200,
        body: { items: [confirmed ? { ...grants.giftAwaiting, status: 'address_confirmed', data: { ...grants.giftAwaiting.data, shipTo: { recipient: '张三', phone: '13800000000', address: '上海市静安区南京西路 1 号' } } } : grants.giftAwaiting] },
      }),
      'GET /me/certificates': { body: { items: [] } },
      'POST /me/rewards/4/address': () => {
        confirmed = true;
        return { status: 200, body: grants.giftAwaiting };
      },
    };
    const calls = serveApi(routes);
    render(<RewardsPage />);
    const form = await screen.findByTestId('address-form');
    expect(screen.getByTestId('reward-4')).toHaveTextContent('首单礼：青瓷茶具一套');

    typeInto(form, text.address.recipientPlaceholder, '张三');
    typeInto(form, text.address.phonePlaceholder, '1380000');
    fireEvent.click(within(form).getByText(text.address.submit));
    expect(form).toHaveTextContent(text.address.problem.phone);
    expect(form).toHaveTextContent(text.address.problem.address);
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    typeInto(form, text.address.phonePlaceholder, '13800000000');
    typeInto(form, text.address.addressPlaceholder, ' 上海市静安区南京西路 1 号 ');
    fireEvent.click(within(form).getByText(text.address.submit));
    await waitFor(() => expect(screen.getByTestId('reward-4')).toHaveTextContent(text.waitingShipment));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ recipient: '张三', phone: '13800000000', address: '上海市静安区南京西路 1 号' });
    expect(screen.getByTestId('reward-4')).toHaveTextContent('张三 13800000000 上海市静安区南京西路 1 号');
    expect(Taro.showToast).toHaveBeenCalledWith({ title: text.address.saved, icon: 'none' });
  });

  test('a refused address step says why', async () => {
    serveApi({
      'GET /me/rewards': { body: { items: [grants.giftAwaiting] } },
      'GET /me/certificates': { body: { items: [] } },
      'POST /me/rewards/4/address': fail(409, 'REWARD_STATE_INVALID'),
    });
    render(<RewardsPage />);
    const form = await screen.findByTestId('address-form');
    typeInto(form, text.address.recipientPlaceholder, '张三');
    typeInto(form, text.address.phonePlaceholder, '13800000000');
    typeInto(form, text.address.addressPlaceholder, '上海市静安区南京西路 1 号');
    fireEvent.click(within(form).getByText(text.address.submit));
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: text.refusal.REWARD_STATE_INVALID, icon: 'none' }));
  });

  test('a shipped gift shows the tracking number and, once confirmed, is received', async () => {
    let received = false;
    const calls = serveApi({
      'GET /me/rewards': () => ({ status: 200, body: { items: [received ? { ...grants.giftShipped, status: 'received', data: { ...grants.giftShipped.data, receivedAt: '2026-11-25T04:00:00.000Z' } } : grants.giftShipped] } }),
      'GET /me/certificates': { body: { items: [] } },
      'POST /me/rewards/5/received': () => {
        received = true;
        return { status: 200, body: grants.giftShipped };
      },
    });
    render(<RewardsPage />);
    const gift = await screen.findByTestId('reward-5');
    expect(gift).toHaveTextContent(text.tracking('顺丰', 'SF1234567890'));
    fireEvent.click(within(gift).getByText(text.copyTracking));
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'SF1234567890' });

    fireEvent.click(within(gift).getByText(text.confirmReceived));
    await waitFor(() => expect(screen.getByTestId('reward-5')).toHaveTextContent(text.receivedAt('2026-11-25')));
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: text.confirmReceivedBody }));
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.path)).toEqual(['/me/rewards/5/received']);
    expect(screen.getByTestId('reward-5')).toHaveTextContent(text.status.received);
  });

  test('not confirming receipt sends nothing', async () => {
    const calls = serveApi({ 'GET /me/rewards': { body: { items: [grants.giftShipped] } }, 'GET /me/certificates': { body: { items: [] } } });
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    render(<RewardsPage />);
    fireEvent.click(within(await screen.findByTestId('reward-5')).getByText(text.confirmReceived));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
  });

  test('certificates show their image, which opens in the previewer', async () => {
    serveApi({ 'GET /me/rewards': { body: { items: [grants.certificate] } }, 'GET /me/certificates': { body: { items: [certificate] } } });
    render(<RewardsPage />);
    const certificates = await screen.findByTestId('certificates');
    expect(certificates).toHaveTextContent('月度销冠');
    expect(certificates).toHaveTextContent(text.certificateSerial(certificate.serial));
    expect(certificates.querySelector('img')).toHaveAttribute('src', certificate.imageUrl);

    fireEvent.click(within(screen.getByTestId('reward-6')).getByText(text.viewCertificate));
    expect(taro.previewImage).toHaveBeenCalledWith({ current: certificate.imageUrl, urls: [certificate.imageUrl] });
  });
});
