import { Image, Text, View } from '@tarojs/components';
import { PROOF_IMAGES_MAX } from '@sharecircle/shared';
import { strings } from '../../../strings';
import type { ProofImages } from '../hooks/useProofImages';

/** The proof's screenshots as thumbnails: uploading, uploaded, or failed (tap to retry); each removable. */
export function ProofImagesField({ images, problem, pick, retry, remove }: ProofImages) {
  const t = strings.taskProof;
  return (
    <View className='proof-images' data-testid='proof-images'>
      <Text className='muted proof-images__title'>{t.imagesTitle(PROOF_IMAGES_MAX)}</Text>
      <View className='proof-images__row'>
        {images.map((image) => (
          <View key={image.key} className='proof-images__item' data-testid='proof-image'>
            <Image className='proof-images__thumb' src={image.localPath} mode='aspectFill' />
            {image.status === 'uploading' ? <Text className='proof-images__state'>{t.uploading}</Text> : null}
            {image.status === 'failed' ? (
              <Text className='proof-images__state proof-images__state--failed' onClick={() => retry(image)}>
                {t.failed}
              </Text>
            ) : null}
            <Text className='proof-images__remove' onClick={() => remove(image.key)}>
              {t.remove}
            </Text>
          </View>
        ))}
        {images.length < PROOF_IMAGES_MAX ? (
          <View className='proof-images__add' onClick={() => void pick()}>
            <Text className='proof-images__plus'>+</Text>
            <Text>{t.add}</Text>
          </View>
        ) : null}
      </View>
      {problem ? <Text className='form-field__problem'>{problem}</Text> : null}
    </View>
  );
}
