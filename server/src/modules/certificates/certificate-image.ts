import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { drawQrModules, qrMatrix, qrSideModules } from './qr-code';

export interface CertificateContent {
  memberName: string;
  title: string;
  achievement: string;
  issuedAt: Date;
  serial: string;
  /** What the QR code carries: the public verification URL. */
  verifyUrl: string;
}

/** Laid out on an 800x560 page and drawn at 2x, so it stays sharp on phone screens. */
const PAGE = { width: 800, height: 560 } as const;
const SCALE = 2;
export const CERTIFICATE_SIZE_PX = { width: PAGE.width * SCALE, height: PAGE.height * SCALE } as const;

const COLORS = {
  paper: '#fbf7ee',
  paperEdge: '#f1e8d4',
  ink: '#2b2a26',
  muted: '#6f6a5e',
  tea: '#2f5d50',
  gold: '#b8925a',
  seal: '#c0392b',
} as const;

/** Installed CJK families first (Debian's fonts-noto-cjk names its faces JP in Skia), then generic. */
const SERIF = '"Noto Serif CJK SC", "Noto Serif CJK JP", "Source Han Serif SC", "Songti SC", "SimSun", "Noto Sans CJK SC", "Noto Sans CJK JP", serif';
const SANS = '"Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';
const CJK_FAMILY = /CJK|Noto (Sans|Serif) SC|Source Han|WenQuanYi|PingFang|YaHei|Hiragino Sans GB|SimSun|SimHei|Songti|Heiti/i;

/** Whether a font that has Chinese glyphs is registered; without one, Chinese text renders as boxes. */
export function hasCjkFont(): boolean {
  return GlobalFonts.families.some(({ family }) => CJK_FAMILY.test(family));
}

/** "2026年11月2日": the calendar day in Beijing time, whatever the server's zone. */
export function chineseDate(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}年${part('month')}月${part('day')}日`;
}

/** Renders the certificate as a 1600x1120 PNG. Pure: the same content gives the same image. */
export async function renderCertificatePng(content: CertificateContent): Promise<Buffer> {
  const canvas = createCanvas(CERTIFICATE_SIZE_PX.width, CERTIFICATE_SIZE_PX.height);
  const ctx = canvas.getContext('2d');
  ctx.lang = 'zh-CN';
  ctx.scale(SCALE, SCALE);
  drawPaper(ctx);
  drawHeading(ctx, content.title);
  drawRecipient(ctx, content.memberName, content.achievement);
  drawFooter(ctx, content);
  drawSeal(ctx, 478, 446);
  drawQrCode(ctx, content.verifyUrl, { x: 632, y: 382, size: 112 });
  return canvas.encode('png');
}

function drawPaper(ctx: SKRSContext2D) {
  const { width, height } = PAGE;
  // Flat tones only: Skia dithers gradients, and the noise made the PNG 20 times larger.
  ctx.fillStyle = COLORS.paperEdge;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = COLORS.paper;
  ctx.fillRect(28, 28, width - 56, height - 56);

  // The "circle" of Sharecircle, faint behind the text.
  ctx.strokeStyle = 'rgba(47, 93, 80, 0.06)';
  for (const [radius, line] of [[210, 18], [160, 2], [250, 2]] as const) {
    ctx.lineWidth = line;
    ctx.beginPath();
    ctx.arc(width / 2, height / 2 + 10, radius, 0, Math.PI * 2);
    ctx.stroke();
  }

  ctx.strokeStyle = COLORS.tea;
  ctx.lineWidth = 8;
  ctx.strokeRect(16, 16, width - 32, height - 32);
  ctx.strokeStyle = COLORS.gold;
  ctx.lineWidth = 1.5;
  ctx.strokeRect(28, 28, width - 56, height - 56);
  for (const [x, y] of [[28, 28], [width - 28, 28], [28, height - 28], [width - 28, height - 28]]) diamond(ctx, x, y, 7, COLORS.gold);
}

function drawHeading(ctx: SKRSContext2D, title: string) {
  const center = PAGE.width / 2;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = COLORS.gold;
  ctx.font = `600 13px ${SANS}`;
  ctx.letterSpacing = '4px';
  ctx.fillText('SHARECIRCLE · 分享圈', center, 74);
  ctx.letterSpacing = '0px';

  ctx.fillStyle = COLORS.tea;
  // Wide tracking suits a short title (荣誉证书); a long one gets a little, or it would not fit.
  const spacingEm = [...title].length <= 6 ? 0.25 : 0.06;
  const size = fitFontSize(ctx, title, { weight: 700, family: SERIF, maxPx: 46, minPx: 24, maxWidth: 620, letterSpacingEm: spacingEm });
  // Tracking follows every character, the last too: shift by half a gap to look centred.
  ctx.fillText(wrapText(ctx, title, { maxWidth: 620, maxLines: 1 })[0], center + (size * spacingEm) / 2, 128);
  ctx.letterSpacing = '0px';

  ctx.strokeStyle = COLORS.gold;
  ctx.lineWidth = 1;
  for (const side of [-1, 1]) {
    ctx.beginPath();
    ctx.moveTo(center + side * 14, 152);
    ctx.lineTo(center + side * 150, 152);
    ctx.stroke();
  }
  diamond(ctx, center, 152, 5, COLORS.gold);
}

function drawRecipient(ctx: SKRSContext2D, memberName: string, achievement: string) {
  const center = PAGE.width / 2;
  ctx.textAlign = 'center';
  ctx.fillStyle = COLORS.muted;
  ctx.font = `400 17px ${SANS}`;
  ctx.fillText('兹授予', center, 196);

  ctx.fillStyle = COLORS.ink;
  const nameSize = fitFontSize(ctx, memberName, { weight: 700, family: SERIF, maxPx: 54, minPx: 26, maxWidth: 560 });
  const name = wrapText(ctx, memberName, { maxWidth: 560, maxLines: 1 })[0];
  ctx.fillText(name, center, 262);
  ctx.strokeStyle = COLORS.gold;
  ctx.lineWidth = 1;
  const underline = ctx.measureText(name).width / 2 + 24;
  ctx.beginPath();
  ctx.moveTo(center - underline, 262 + nameSize * 0.28);
  ctx.lineTo(center + underline, 262 + nameSize * 0.28);
  ctx.stroke();

  ctx.fillStyle = COLORS.ink;
  ctx.font = `400 20px ${SERIF}`;
  const lines = wrapText(ctx, achievement, { maxWidth: 560, maxLines: 2 });
  lines.forEach((line, index) => ctx.fillText(line, center, 322 + index * 32));
}

function drawFooter(ctx: SKRSContext2D, content: CertificateContent) {
  const left = 64;
  ctx.textAlign = 'left';
  ctx.fillStyle = COLORS.muted;
  ctx.font = `400 14px ${SANS}`;
  ctx.fillText('颁发日期', left, 438);
  ctx.fillText('证书编号', left, 482);
  ctx.fillStyle = COLORS.ink;
  ctx.font = `500 17px ${SANS}`;
  ctx.fillText(chineseDate(content.issuedAt), left, 460);
  ctx.font = `500 17px ${SANS}`;
  ctx.letterSpacing = '1px';
  ctx.fillText(content.serial, left, 504);
  ctx.letterSpacing = '0px';
}

/** The brand's round seal, drawn rather than loaded, so the module ships no image files. */
function drawSeal(ctx: SKRSContext2D, x: number, y: number) {
  ctx.save();
  ctx.translate(x, y);
  ctx.rotate(-0.14);
  ctx.strokeStyle = COLORS.seal;
  ctx.fillStyle = COLORS.seal;
  ctx.globalAlpha = 0.85;
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.arc(0, 0, 46, 0, Math.PI * 2);
  ctx.stroke();
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.arc(0, 0, 40, 0, Math.PI * 2);
  ctx.stroke();
  star(ctx, 0, -4, 13);
  ctx.textAlign = 'center';
  ctx.font = `700 14px ${SERIF}`;
  ctx.fillText('分享圈', 0, 27);
  ctx.font = `700 9px ${SANS}`;
  ctx.fillText('认证', 0, -22);
  ctx.restore();
}

/** The QR code in the box's bottom-right corner, framed in gold, with its caption under it. */
function drawQrCode(ctx: SKRSContext2D, text: string, box: { x: number; y: number; size: number }) {
  const matrix = qrMatrix(text);
  const modulePx = Math.max(1, Math.floor((box.size * SCALE) / qrSideModules(matrix)));
  const sidePx = modulePx * qrSideModules(matrix);
  // Right and bottom edges stay where the layout put them; the code shrinks toward them.
  const left = Math.round((box.x + box.size) * SCALE - sidePx);
  const top = Math.round((box.y + box.size) * SCALE - sidePx);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  drawQrModules(ctx, matrix, { left, top, modulePx });
  ctx.strokeStyle = COLORS.gold;
  ctx.lineWidth = 2;
  ctx.strokeRect(left - 4, top - 4, sidePx + 8, sidePx + 8);
  ctx.restore();
  ctx.textAlign = 'center';
  ctx.fillStyle = COLORS.muted;
  ctx.font = `400 12px ${SANS}`;
  ctx.fillText('扫码验证真伪', (left + sidePx / 2) / SCALE, box.y + box.size + 22);
}

/**
 * The largest size (down to minPx) at which the text fits maxWidth; leaves ctx.font and
 * ctx.letterSpacing set to it. Text still too wide at minPx is for the caller to cut.
 */
function fitFontSize(
  ctx: SKRSContext2D,
  text: string,
  spec: { weight: number; family: string; maxPx: number; minPx: number; maxWidth: number; letterSpacingEm?: number },
): number {
  const apply = (size: number) => {
    ctx.font = `${spec.weight} ${size}px ${spec.family}`;
    ctx.letterSpacing = `${(size * (spec.letterSpacingEm ?? 0)).toFixed(1)}px`;
  };
  for (let size = spec.maxPx; size > spec.minPx; size -= 2) {
    apply(size);
    if (ctx.measureText(text).width <= spec.maxWidth) return size;
  }
  apply(spec.minPx);
  return spec.minPx;
}

/** Chinese punctuation that must not start a line (kinsoku): it stays at the end of the line before. */
const NO_LINE_START = new Set([...'，。、；：！？）」』》〉】…,.;:!?)']);

/**
 * Breaks between characters (Chinese has no spaces) into lines of even length rather than a full line
 * and an orphan; at most maxLines, the last one ellipsised.
 */
function wrapText(ctx: SKRSContext2D, text: string, spec: { maxWidth: number; maxLines: number }): string[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  const greedy = breakLines(ctx, clean, spec.maxWidth);
  if (greedy.length > spec.maxLines) {
    const kept = greedy.slice(0, spec.maxLines);
    let last = kept[spec.maxLines - 1];
    while (last && ctx.measureText(`${last}…`).width > spec.maxWidth) last = [...last].slice(0, -1).join('');
    kept[spec.maxLines - 1] = `${last}…`;
    return kept;
  }
  // The narrowest width that still needs no more lines than the greedy fill: balanced lines.
  const total = ctx.measureText(clean).width;
  for (let width = Math.ceil(total / greedy.length); width < spec.maxWidth; width += 8) {
    const balanced = breakLines(ctx, clean, width);
    if (balanced.length === greedy.length) return balanced;
  }
  return greedy;
}

function breakLines(ctx: SKRSContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const char of text) {
    if (line && !NO_LINE_START.has(char) && ctx.measureText(line + char).width > maxWidth) {
      lines.push(line.trimEnd());
      line = char === ' ' ? '' : char;
    } else {
      line += char;
    }
  }
  if (line) lines.push(line.trimEnd());
  return lines;
}

function diamond(ctx: SKRSContext2D, x: number, y: number, r: number, color: string) {
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.moveTo(x, y - r);
  ctx.lineTo(x + r, y);
  ctx.lineTo(x, y + r);
  ctx.lineTo(x - r, y);
  ctx.closePath();
  ctx.fill();
}

function star(ctx: SKRSContext2D, x: number, y: number, r: number) {
  ctx.beginPath();
  for (let i = 0; i < 10; i += 1) {
    const radius = i % 2 === 0 ? r : r * 0.42;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    ctx.lineTo(x + radius * Math.cos(angle), y + radius * Math.sin(angle));
  }
  ctx.closePath();
  ctx.fill();
}
