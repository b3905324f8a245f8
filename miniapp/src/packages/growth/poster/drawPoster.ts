import { strings } from '../../../strings';

/** The part of a 2D context the poster draws with: WeChat's canvas 2D and the browser's both have it, and a test can record it. */
export interface PosterContext {
  fillStyle: string;
  font: string;
  textAlign: string;
  textBaseline: string;
  fillRect(x: number, y: number, width: number, height: number): void;
  fillText(text: string, x: number, y: number): void;
  drawImage(image: unknown, x: number, y: number, width: number, height: number): void;
  beginPath(): void;
  arc(x: number, y: number, radius: number, startAngle: number, endAngle: number): void;
  fill(): void;
  clip(): void;
  save(): void;
  restore(): void;
}

export interface PosterContent {
  nickname: string;
  referralCode: string;
}

/** Loaded images (a canvas Image on WeChat, an HTMLImageElement on H5); no avatar draws the initial. */
export interface PosterImages {
  code: unknown;
  avatar: unknown | null;
}

/** Width to height of the poster: a phone screen's shape, so it fills a chat preview. */
export const POSTER_ASPECT = 1.6;
const NICKNAME_CHARS_MAX = 12;

/** The brand's colours (src/styles/_tokens.scss): a canvas cannot read SCSS. */
const COLORS = {
  brand: '#1f7a5c',
  band: '#2a8c69',
  brandLight: '#e7f3ee',
  card: '#ffffff',
  text: '#1f2329',
  muted: '#646a73',
} as const;

const font = (weight: 'normal' | 'bold', sizePx: number) => `${weight} ${Math.round(sizePx)}px sans-serif`;

/** Long nicknames are cut to a fixed number of characters: measuring text differs between platforms. */
export function shortNickname(nickname: string): string {
  const chars = [...nickname];
  return chars.length > NICKNAME_CHARS_MAX ? `${chars.slice(0, NICKNAME_CHARS_MAX - 1).join('')}…` : nickname;
}

/**
 * Draws the referral poster in logical pixels (the caller scales for the screen): the brand's band,
 * name and line of copy, then a card with the member's avatar (or initial), nickname, invitation,
 * the mini-program code and the referral code. Positions are fractions of the width, so any size works.
 */
export function drawPoster(ctx: PosterContext, size: { width: number; height: number }, content: PosterContent, images: PosterImages): void {
  const { width: w, height: h } = size;
  const center = w / 2;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';

  ctx.fillStyle = COLORS.brand;
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = COLORS.band;
  ctx.fillRect(0, h * 0.05, w, h * 0.17);
  ctx.fillStyle = COLORS.card;
  ctx.font = font('bold', w * 0.1);
  ctx.fillText(strings.growth.poster.brand, center, h * 0.11);
  ctx.fillStyle = COLORS.brandLight;
  ctx.font = font('normal', w * 0.045);
  ctx.fillText(strings.growth.poster.slogan, center, h * 0.175);

  const card = { x: w * 0.06, y: h * 0.27, width: w * 0.88, height: h * 0.67 };
  ctx.fillStyle = COLORS.card;
  ctx.fillRect(card.x, card.y, card.width, card.height);

  const avatar = { x: center, y: card.y + w * 0.14, radius: w * 0.09 };
  drawAvatar(ctx, avatar, content.nickname, images.avatar);

  ctx.fillStyle = COLORS.text;
  ctx.font = font('bold', w * 0.055);
  ctx.fillText(shortNickname(content.nickname), center, avatar.y + avatar.radius + w * 0.085);
  ctx.fillStyle = COLORS.muted;
  ctx.font = font('normal', w * 0.04);
  ctx.fillText(strings.growth.poster.invite, center, avatar.y + avatar.radius + w * 0.15);

  const codeSide = w * 0.42;
  const codeTop = avatar.y + avatar.radius + w * 0.2;
  ctx.drawImage(images.code, center - codeSide / 2, codeTop, codeSide, codeSide);
  ctx.fillStyle = COLORS.muted;
  ctx.font = font('normal', w * 0.036);
  ctx.fillText(strings.growth.poster.scanHint, center, codeTop + codeSide + w * 0.065);
  ctx.fillStyle = COLORS.brand;
  ctx.fillText(strings.growth.poster.referralCode(content.referralCode), center, codeTop + codeSide + w * 0.125);
}

function drawAvatar(ctx: PosterContext, at: { x: number; y: number; radius: number }, nickname: string, image: unknown | null) {
  ctx.save();
  ctx.beginPath();
  ctx.arc(at.x, at.y, at.radius, 0, Math.PI * 2);
  if (image) {
    ctx.clip();
    ctx.drawImage(image, at.x - at.radius, at.y - at.radius, at.radius * 2, at.radius * 2);
  } else {
    ctx.fillStyle = COLORS.brandLight;
    ctx.fill();
    ctx.fillStyle = COLORS.brand;
    ctx.font = font('bold', at.radius);
    ctx.fillText([...nickname][0] ?? '', at.x, at.y);
  }
  ctx.restore();
}
