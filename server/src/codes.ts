const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A short code unique by construction: the row id in base 32 (two ids never collide, and equal lengths
 * mean equal id lengths), then random characters so codes cannot be walked. Uppercase letters and digits
 * only, so it fits WeChat's 32-character scene; a lowercase prefix keeps other namespaces apart.
 */
export function codeForId(id: number, random: (max: number) => number, prefix = ''): string {
  let rest = id;
  let head = '';
  do {
    head = CODE_ALPHABET[rest % 32] + head;
    rest = Math.floor(rest / 32);
  } while (rest > 0);
  let tail = '';
  for (let i = 0; i < 4; i += 1) tail += CODE_ALPHABET[random(32)];
  return prefix + head + tail;
}
