import { render, screen, within } from '@testing-library/react';
import BadgesPage from '../../src/packages/growth/badges/index';
import { strings } from '../../src/strings';
import { fail, hangAll, serveApi, signedIn } from '../helpers/fake-api';
import * as fixtures from '../helpers/fixtures';

describe('badge wall', () => {
  beforeEach(() => signedIn());

  test('loading', () => {
    hangAll();
    render(<BadgesPage />);
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
  });

  test('a user who has not joined is told the wall is for members', async () => {
    serveApi({ 'GET /me/badges': fail(403, 'NOT_A_MEMBER') });
    render(<BadgesPage />);
    expect(await screen.findByTestId('state-error')).toHaveTextContent(strings.errors.notAMember);
  });

  test('no badge yet says how to earn one', async () => {
    serveApi({ 'GET /me/badges': { body: { items: [] } } });
    render(<BadgesPage />);
    expect(await screen.findByTestId('state-empty')).toHaveTextContent(strings.growth.badges.empty);
  });

  test('every badge with its medal, name, tier and the day it was earned', async () => {
    const icon = 'https://cdn.example.com/badges/diamond.png';
    serveApi({ 'GET /me/badges': { body: { items: [...fixtures.badges.items, { code: 'gmv-1000', name: '千元达人', icon, tier: 'diamond', earnedAt: '2026-11-21T17:00:00.000Z' }] } } });
    render(<BadgesPage />);
    const wall = await screen.findByTestId('badge-wall');
    expect(wall).toHaveTextContent(strings.growth.badges.count(3));
    const [first, second, third] = within(wall).getAllByTestId('badge');
    expect(first).toHaveTextContent(`首${'首单达成'}${strings.growth.badges.tier.bronze}${strings.growth.badges.earnedAt('2026-11-02')}`);
    expect(second).toHaveTextContent(strings.growth.badges.tier.silver);
    // Earned at 01:00 on the 22nd in Beijing; an icon with a host is shown as an image.
    expect(third).toHaveTextContent(strings.growth.badges.earnedAt('2026-11-22'));
    expect(third.querySelector('img')).toHaveAttribute('src', icon);
  });
});
