import { routes } from '../../../services/navigation';
import type { Scene } from '../../../services/scene';

export function joinUrl(scene: Scene): string {
  return scene.kind === 'code' ? routes.joinWithReferral(scene.code) : routes.join;
}
