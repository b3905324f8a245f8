import { Button, Canvas, Text, View } from '@tarojs/components';
import { ErrorState, Loading } from '../../../components/StateViews';
import { strings } from '../../../strings';
import { POSTER_CANVAS_ID } from './posterCanvas';

export type DrawState = 'drawing' | 'drawn' | 'failed';

interface PosterViewProps {
  drawState: DrawState;
  saving: boolean;
  /** WeChat lets the member pick their avatar for the poster (open-type chooseAvatar); H5 cannot. */
  canChooseAvatar: boolean;
  onSave: () => void;
  onShareTap: () => void;
  onChooseAvatar: (path: string) => void;
  onRedraw: () => void;
}

/** The canvas stays on the page while drawing, so the selector query finds it; the states cover it. */
export function PosterView({ drawState, saving, canChooseAvatar, onSave, onShareTap, onChooseAvatar, onRedraw }: PosterViewProps) {
  return (
    <View className='poster'>
      <View className='poster__frame'>
        <Canvas type='2d' id={POSTER_CANVAS_ID} className='poster__canvas' />
        {drawState === 'drawing' ? (
          <View className='poster__cover'>
            <Loading />
          </View>
        ) : null}
        {drawState === 'failed' ? (
          <View className='poster__cover'>
            <ErrorState message={strings.growth.poster.drawFailed} onRetry={onRedraw} />
          </View>
        ) : null}
      </View>
      <Text className='muted poster__hint'>{strings.growth.poster.hint}</Text>
      <View className='poster__actions'>
        <Button className='btn-primary' disabled={drawState !== 'drawn' || saving || undefined} onClick={onSave}>
          {saving ? strings.growth.poster.saving : strings.growth.poster.save}
        </Button>
        <Button className='btn-plain' openType='share' onClick={onShareTap}>
          {strings.growth.poster.share}
        </Button>
        {canChooseAvatar ? (
          <Button className='btn-plain' openType='chooseAvatar' onChooseAvatar={(event) => onChooseAvatar(event.detail.avatarUrl)}>
            {strings.growth.poster.useAvatar}
          </Button>
        ) : null}
      </View>
    </View>
  );
}
