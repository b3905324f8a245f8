/** Replies the built pages ask for first, shared by the weapp tests: a signed-in KOC. */
const session = { accessToken: 'weapp-access', refreshToken: 'weapp-refresh', accessExpiresInSec: 900, userId: 6 };
const me = {
  id: 6,
  nickname: '超级粉丝阿花',
  customerCode: 'cGTHK7',
  roles: [],
  member: { id: 3, type: 'koc', status: 'active', level: 1, referralCode: 'DK4XL', storeId: null, joinedAt: '2026-11-23T11:53:51.866Z', upline: null },
  customerOf: null,
};

module.exports = { session, me };
