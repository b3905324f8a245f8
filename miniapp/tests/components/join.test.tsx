import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import JoinPage from '../../src/packages/auth/join/index';
import { strings } from '../../src/strings';
import { fail, hangAll, serveApi, serverError, signedIn, type Route } from '../helpers/fake-api';
import * as fixtures from '../helpers/fixtures';

const stores = {
  items: [
    { id: 1, name: '上海南京西路店', regionId: 1, address: '南京西路 1266 号', createdAt: '2026-11-01T00:00:00.000Z' },
    { id: 2, name: '杭州湖滨店', regionId: 1, address: null, createdAt: '2026-11-01T00:00:00.000Z' },
  ],
};
const joinedKoc = { ...fixtures.member, id: 9, level: 1, referralCode: 'NEW9X', upline: { id: 3, nickname: '超级粉丝阿花' } };
const appliedKos = { ...joinedKoc, type: 'kos' as const, status: 'applied' as const, storeId: 1 };

function openWithScene(scene?: string) {
  (Taro.useRouter as jest.Mock).mockReturnValue({ params: scene === undefined ? {} : { scene } });
  render(<JoinPage />);
}

function type(placeholder: string, value: string) {
  fireEvent.change(screen.getByPlaceholderText(placeholder), { target: { value } });
}

function fillApplication() {
  const { placeholder } = strings.join;
  type(placeholder.city, '上海');
  type(placeholder.storeSize, '80');
  type(placeholder.teamSize, '5');
  type(placeholder.monthlySales, '50000.5');
  type(placeholder.phone, '13800138000');
  fireEvent.click(screen.getByText(strings.join.yes));
  fireEvent.click(screen.getByTestId('join-agreement'));
}

const inviter = { nickname: '超***花', type: 'koc' as const, acceptsReferrals: true };
const notMember: Record<string, Route> = {
  'GET /me': { body: fixtures.meNotMember },
  'GET /stores': { body: stores },
  'GET /referrals/DK4XL': { body: inviter },
};

describe('join page', () => {
  test('signed out: shows the invitation and sends the user to login, coming back with the same scene', async () => {
    openWithScene('DK4XL');
    expect(screen.getByTestId('join-invitation')).toHaveTextContent(strings.join.invitedBy('DK4XL'));
    expect(Taro.request).not.toHaveBeenCalled();
    fireEvent.click(within(screen.getByTestId('join-login')).getByText(strings.join.loginH5));
    await waitFor(() =>
      expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/packages/auth/login/index?next=${encodeURIComponent('/packages/auth/join/index?scene=DK4XL')}` }),
    );
  });

  describe('signed in', () => {
    beforeEach(() => signedIn());

    test('loading', () => {
      hangAll();
      openWithScene('DK4XL');
      expect(screen.getByTestId('state-loading')).toBeInTheDocument();
    });

    test('error', async () => {
      serveApi({ 'GET /me': serverError() });
      openWithScene('DK4XL');
      expect(await screen.findByTestId('state-error')).toHaveTextContent(strings.errors.server);
    });

    test('a KOC joins with the referral code from the scene and goes home', async () => {
      const calls = serveApi({ ...notMember, 'POST /members/join': { body: joinedKoc } });
      openWithScene('DK4XL');
      fireEvent.click(await screen.findByText(strings.join.submit));
      await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' }));
      expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ type: 'koc', referralCode: 'DK4XL' });
      expect(Taro.showToast).toHaveBeenCalledWith({ title: strings.join.joined, icon: 'success' });
    });

    test('shows who invited the user, masked, and what they are, before joining', async () => {
      serveApi(notMember);
      openWithScene('DK4XL');
      const invitation = await screen.findByTestId('join-inviter');
      expect(invitation).toHaveTextContent(strings.inviter.invites('超***花'));
      expect(invitation).toHaveTextContent(strings.inviter.kind(strings.member.type.koc));
      expect(invitation).toHaveTextContent(strings.join.invitedHint);
      expect(screen.getByText(strings.join.submit)).toBeInTheDocument();
    });

    test('an inviter who cannot take referrals now is named with a warning, and the user joins without the code', async () => {
      const calls = serveApi({ ...notMember, 'GET /referrals/DK4XL': { body: { ...inviter, type: 'kos', acceptsReferrals: false } }, 'POST /members/join': { body: { ...joinedKoc, upline: null } } });
      openWithScene('DK4XL');
      const invitation = await screen.findByTestId('join-inviter');
      expect(invitation).toHaveTextContent(strings.inviter.kind(strings.member.type.kos));
      expect(invitation).toHaveTextContent(strings.inviter.inactive);
      fireEvent.click(await screen.findByText(strings.join.submit));
      await waitFor(() => expect(Taro.switchTab).toHaveBeenCalled());
      expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ type: 'koc' });
    });

    test('a code nobody has is called out, and the user joins without it', async () => {
      const calls = serveApi({ ...notMember, 'GET /referrals/DK4XL': fail(404, 'REFERRAL_CODE_UNKNOWN'), 'POST /members/join': { body: { ...joinedKoc, upline: null } } });
      openWithScene('DK4XL');
      await waitFor(() => expect(screen.getByTestId('join-invitation')).toHaveTextContent(strings.inviter.unknown));
      expect(screen.getByTestId('join-invitation')).not.toHaveTextContent(strings.join.invitedBy('DK4XL'));
      fireEvent.click(await screen.findByText(strings.join.submit));
      await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true));
      expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ type: 'koc' });
    });

    test('a scene that is not a referral code is ignored, with a word to the user', async () => {
      const calls = serveApi({ ...notMember, 'POST /members/join': { body: joinedKoc } });
      openWithScene('%E4%BD%A0');
      expect(screen.getByTestId('join-invitation')).toHaveTextContent(strings.join.badScene);
      fireEvent.click(await screen.findByText(strings.join.submit));
      await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true));
      expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ type: 'koc' });
    });

    test('a KOS picks a store and files the application; the page then shows it is under review', async () => {
      const calls = serveApi({ ...notMember, 'POST /members/join': { status: 201, body: appliedKos } });
      openWithScene('DK4XL');
      fireEvent.click(await screen.findByTestId('join-type-kos'));
      const storeList = await screen.findByTestId('join-stores');
      fireEvent.click(screen.getByText(strings.join.submitApplication));
      expect(screen.getByText(strings.join.storeMissing)).toBeInTheDocument();
      expect(screen.getByText(strings.join.problem.phone)).toBeInTheDocument();
      expect(screen.getByText(strings.join.problem.agreement)).toBeInTheDocument();
      expect(calls.some((call) => call.method === 'POST')).toBe(false);

      fireEvent.click(within(storeList).getByText('上海南京西路店'));
      fillApplication();
      fireEvent.click(screen.getByText(strings.join.submitApplication));
      expect(await screen.findByTestId('join-pending')).toHaveTextContent(strings.join.pendingBody(strings.member.type.kos));
      expect(screen.getByTestId('join-pending')).toHaveTextContent(strings.join.upline('超级粉丝阿花'));
      expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
        type: 'kos',
        referralCode: 'DK4XL',
        storeId: 1,
        application: { city: '上海', storeSize: 80, teamSize: 5, monthlySalesFen: 5000050, phoneSales: true, phone: '13800138000', agreementAccepted: true },
      });
      expect(Taro.switchTab).not.toHaveBeenCalled();
    });

    test('an external distributor files the application without a store', async () => {
      const calls = serveApi({ ...notMember, 'POST /members/join': { status: 201, body: { ...appliedKos, type: 'external', storeId: null } } });
      openWithScene();
      fireEvent.click(await screen.findByTestId('join-type-external'));
      expect(screen.queryByTestId('join-stores')).toBeNull();
      fillApplication();
      fireEvent.click(screen.getByText(strings.join.submitApplication));
      expect(await screen.findByTestId('join-pending')).toHaveTextContent(strings.member.type.external);
      expect(calls.find((call) => call.method === 'POST')?.body).toMatchObject({ type: 'external', application: { city: '上海' } });
      expect(calls.some((call) => call.path === '/stores')).toBe(false);
    });

    test('no store to choose: says so', async () => {
      serveApi({ ...notMember, 'GET /stores': { body: { items: [] } } });
      openWithScene();
      fireEvent.click(await screen.findByTestId('join-type-kos'));
      expect(await screen.findByTestId('state-empty')).toHaveTextContent(strings.join.storesEmpty);
    });

    test.each([
      ['REFERRAL_CODE_UNKNOWN', 404, {}, strings.join.refusal.REFERRAL_CODE_UNKNOWN],
      ['SELF_REFERRAL', 409, {}, strings.join.refusal.SELF_REFERRAL],
      ['REJOIN_COOLDOWN', 409, { rejoinAfter: '2027-01-30T00:00:00.000Z' }, strings.join.rejoinAfter('2027-01-30')],
    ])('a refusal with %s explains it and keeps the form', async (code, status, data, text) => {
      serveApi({ ...notMember, 'POST /members/join': fail(status, code, data) });
      openWithScene('DK4XL');
      fireEvent.click(await screen.findByText(strings.join.submit));
      expect(await screen.findByTestId('join-problem')).toHaveTextContent(text);
      expect(Taro.switchTab).not.toHaveBeenCalled();
    });

    describe('only buying: the customer path', () => {
      const binding = { member: { id: 3, nickname: '超***花' }, boundAt: '2026-11-23T06:00:00.000Z', expiresAt: null };
      const customerPath = strings.customerPath;

      test('binds the user as the inviter’s customer and shows the customer code for the till', async () => {
        const calls = serveApi({ ...notMember, 'POST /bindings': { body: binding } });
        openWithScene('DK4XL');
        fireEvent.click(await screen.findByText(customerPath.action));
        const code = await screen.findByTestId('customer-code');
        expect(calls.find((call) => call.method === 'POST')).toMatchObject({ path: '/bindings', body: { referralCode: 'DK4XL' } });
        expect(code).toHaveTextContent(customerPath.boundTitle('超***花'));
        expect(within(code).getByText(fixtures.meNotMember.customerCode)).toHaveClass('customer-code__value');
        expect(code).toHaveTextContent(customerPath.codeHint);
        expect(screen.queryByTestId('join-types')).toBeNull();
        expect(calls.some((call) => call.path === '/members/join')).toBe(false);
        fireEvent.click(within(code).getByText(strings.join.toHome));
        expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
        fireEvent.click(within(code).getByText(strings.home.shopAction));
        expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/shop/index/index' });
      });

      test.each([
        ['SELF_REFERRAL', 'SELF_REFERRAL', {}, customerPath.refusal.SELF_REFERRAL],
        ['REFERRAL_CYCLE', 'REFERRAL_CYCLE', {}, customerPath.refusal.REFERRAL_CYCLE],
        ['UPLINE_INACTIVE', 'UPLINE_INACTIVE', {}, customerPath.refusal.UPLINE_INACTIVE],
        ['ALREADY_BOUND for good', 'ALREADY_BOUND', { boundTo: { memberId: 5, expiresAt: null } }, customerPath.alreadyBound('粉***美')],
        ['ALREADY_BOUND until it expires', 'ALREADY_BOUND', { boundTo: { memberId: 5, expiresAt: '2026-12-23T06:00:00.000Z' } }, customerPath.alreadyBoundUntil('粉***美', '2026-12-23')],
      ])('a refusal (%s) says why and offers the choices again', async (_case, code, data, text) => {
        serveApi({
          ...notMember,
          'GET /me': { body: { ...fixtures.meNotMember, customerOf: { id: 5, nickname: '粉***美' } } },
          'POST /bindings': fail(409, code, data),
        });
        openWithScene('DK4XL');
        fireEvent.click(await screen.findByText(customerPath.action));
        expect(await screen.findByTestId('customer-problem')).toHaveTextContent(text);
        expect(screen.queryByTestId('customer-code')).toBeNull();
        expect(screen.getByTestId('join-types')).toBeInTheDocument();
      });

      test('already bound to someone /me does not name: says so without a name', async () => {
        serveApi({ ...notMember, 'POST /bindings': fail(409, 'ALREADY_BOUND', { boundTo: { memberId: 5, expiresAt: null } }) });
        openWithScene('DK4XL');
        fireEvent.click(await screen.findByText(customerPath.action));
        expect(await screen.findByTestId('customer-problem')).toHaveTextContent(customerPath.alreadyBoundSomeone);
      });

      test('not offered without a code to bind to, nor through an inviter who cannot take customers now', async () => {
        serveApi({ ...notMember, 'GET /referrals/DK4XL': { body: { ...inviter, acceptsReferrals: false } } });
        openWithScene('DK4XL');
        expect(await screen.findByTestId('join-inviter')).toHaveTextContent(strings.inviter.inactive);
        expect(screen.queryByText(customerPath.action)).toBeNull();
        cleanup();
        openWithScene();
        expect(await screen.findByTestId('join-types')).toBeInTheDocument();
        expect(screen.queryByText(customerPath.action)).toBeNull();
      });
    });

    test('an application already under review shows that state', async () => {
      serveApi({ 'GET /me': { body: { ...fixtures.meNotMember, member: appliedKos } } });
      openWithScene('DK4XL');
      expect(await screen.findByTestId('join-pending')).toHaveTextContent(strings.join.pendingTitle);
      expect(screen.queryByText(strings.join.submit)).toBeNull();
    });

    test('an active member is told they are in and offered home', async () => {
      serveApi({ 'GET /me': { body: fixtures.me } });
      openWithScene('DK4XL');
      const already = await screen.findByTestId('join-already');
      expect(already).toHaveTextContent(strings.join.alreadyBody(strings.member.type.koc, strings.member.status.active));
      fireEvent.click(within(already).getByText(strings.join.toHome));
      expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
    });

    test('a rejected applicant may apply again', async () => {
      serveApi({ ...notMember, 'GET /me': { body: { ...fixtures.meNotMember, member: { ...appliedKos, status: 'rejected' } } } });
      openWithScene();
      expect(await screen.findByText(strings.join.rejectedNotice)).toBeInTheDocument();
      expect(screen.getByTestId('join-types')).toBeInTheDocument();
    });
  });
});
