import { fireEvent, render, screen, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import MePage from '../../src/pages/me/index';
import { strings } from '../../src/strings';
import { serveApi, signedIn } from '../helpers/fake-api';
import * as fixtures from '../helpers/fixtures';

const kosTitles = Object.values(strings.kos.titles);
const { applications, storeSales, reports, groups, training } = strings.manager.titles;

function openAs(me: object) {
  serveApi({ 'GET /me': { body: me } });
  render(<MePage />);
}

/** The text of each link row in a card, in order. */
const linksIn = (card: HTMLElement) => Array.from(card.querySelectorAll('.me__link')).map((row) => row.firstElementChild?.textContent);

describe('me page: the workbench a user’s type and roles open', () => {
  beforeEach(() => signedIn());

  test('a KOC without staff roles gets none', async () => {
    openAs({ ...fixtures.me, roles: [] });
    await screen.findByTestId('me-member');
    expect(screen.queryByTestId('me-workbench-kos')).toBeNull();
    expect(screen.queryByTestId('me-workbench-manager')).toBeNull();
  });

  test('a clerk (KOS) gets the store pages, which open', async () => {
    openAs({ ...fixtures.me, roles: [], member: { ...fixtures.member, type: 'kos', storeId: 1 } });
    const card = await screen.findByTestId('me-workbench-kos');
    expect(card).toHaveTextContent(strings.workbench.kosTitle);
    expect(linksIn(card)).toEqual(kosTitles);
    expect(screen.queryByTestId('me-workbench-manager')).toBeNull();
    fireEvent.click(within(card).getByText(strings.kos.titles.sale));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/kos/sale/index' });
  });

  test('a store manager gets the pages for store managers only', async () => {
    openAs({ ...fixtures.meNotMember, roles: [{ role: 'store_manager', storeId: 1 }] });
    const card = await screen.findByTestId('me-workbench-manager');
    expect(linksIn(card)).toEqual([applications, storeSales]);
    fireEvent.click(within(card).getByText(storeSales));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/manager/store-sales/index' });
  });

  test('a community manager gets reports, groups and training', async () => {
    openAs({ ...fixtures.me, roles: [{ role: 'community_manager', storeId: null }] });
    expect(linksIn(await screen.findByTestId('me-workbench-manager'))).toEqual([reports, groups, training]);
  });

  test('HQ gets every staff page', async () => {
    openAs({ ...fixtures.meNotMember, roles: [{ role: 'hq_admin', storeId: null }] });
    expect(linksIn(await screen.findByTestId('me-workbench-manager'))).toEqual([applications, storeSales, reports, groups, training]);
  });
});
