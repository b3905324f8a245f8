import { drawPoster, shortNickname, type PosterContext } from '../../src/packages/growth/poster/drawPoster';
import { strings } from '../../src/strings';

function recordingContext() {
  const calls: { method: string; args: unknown[] }[] = [];
  const record = (method: string) => (...args: unknown[]) => void calls.push({ method, args });
  const ctx: PosterContext = {
    fillStyle: '',
    font: '',
    textAlign: '',
    textBaseline: '',
    fillRect: record('fillRect'),
    fillText: record('fillText'),
    drawImage: record('drawImage'),
    beginPath: record('beginPath'),
    arc: record('arc'),
    fill: record('fill'),
    clip: record('clip'),
    save: record('save'),
    restore: record('restore'),
  };
  return { ctx, calls, of: (method: string) => calls.filter((call) => call.method === method) };
}

const size = { width: 300, height: 480 };
const content = { nickname: '超级粉丝阿花', referralCode: 'DK4XL' };

describe('drawPoster', () => {
  test('with an avatar: the avatar clipped to a circle, then the code, and no initial', () => {
    const { ctx, of } = recordingContext();
    drawPoster(ctx, size, content, { code: 'code-image', avatar: 'avatar-image' });
    expect(of('clip')).toHaveLength(1);
    expect(of('drawImage').map((call) => call.args[0])).toEqual(['avatar-image', 'code-image']);
    const texts = of('fillText').map((call) => call.args[0]);
    expect(texts).not.toContain('超');
    expect(texts).toContain('超级粉丝阿花');
  });

  test('the code is centred, inside the poster, and the texts stay inside it', () => {
    const { ctx, of } = recordingContext();
    drawPoster(ctx, size, content, { code: 'code-image', avatar: null });
    const [, x, y, width, height] = of('drawImage')[0].args as number[];
    expect(x + width / 2).toBeCloseTo(150);
    expect(y + height).toBeLessThan(480);
    for (const call of of('fillText')) expect(call.args[2] as number).toBeLessThan(480);
    expect(of('fillText').at(-1)?.args[0]).toBe(strings.growth.poster.referralCode('DK4XL'));
  });

  test('long nicknames are cut to twelve characters', () => {
    expect(shortNickname('一二三四五六七八九十甲乙丙')).toBe('一二三四五六七八九十甲…');
    expect(shortNickname('阿花')).toBe('阿花');
  });
});
