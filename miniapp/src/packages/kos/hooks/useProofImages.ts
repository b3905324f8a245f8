import Taro from '@tarojs/taro';
import { PROOF_IMAGES_MAX, UPLOAD_SIZE_MAX_BYTES } from '@sharecircle/shared';
import { useRef, useState } from 'react';
import { api } from '../../../services/api';
import { describeError, isApiError } from '../../../services/errors';
import { strings } from '../../../strings';

export interface ProofImage {
  key: number;
  /** The chosen image on the device: the thumbnail shows it without downloading it back. */
  localPath: string;
  status: 'uploading' | 'uploaded' | 'failed';
  /** Where the API keeps it, once uploaded: what the submission names. */
  url?: string;
}

const UPLOAD_SIZE_MAX_MB = UPLOAD_SIZE_MAX_BYTES / (1024 * 1024);

function explainUploadError(error: unknown): string {
  if (isApiError(error, 'PAYLOAD_TOO_LARGE')) return strings.taskProof.tooLarge(UPLOAD_SIZE_MAX_MB);
  if (isApiError(error) && strings.taskProof.refusal[error.code]) return strings.taskProof.refusal[error.code];
  return describeError(error);
}

/**
 * The proof images of one submission: chosen with chooseMedia, each uploaded at once (POST /uploads) so
 * sending the proof waits for nothing; a failed one can be retried or removed. At most PROOF_IMAGES_MAX.
 */
export function useProofImages() {
  const [images, setImages] = useState<ProofImage[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const nextKey = useRef(0);

  const update = (key: number, patch: Partial<ProofImage>) => setImages((list) => list.map((image) => (image.key === key ? { ...image, ...patch } : image)));

  const upload = async (image: ProofImage) => {
    try {
      const { url } = await api.uploadProofImage(image.localPath);
      update(image.key, { status: 'uploaded', url });
    } catch (error) {
      update(image.key, { status: 'failed' });
      setProblem(explainUploadError(error));
    }
  };

  const pick = async () => {
    const room = PROOF_IMAGES_MAX - images.length;
    if (room <= 0) return;
    let chosen: Taro.chooseMedia.SuccessCallbackResult;
    try {
      chosen = await Taro.chooseMedia({ count: room, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] });
    } catch {
      return; // the user closed the picker
    }
    const files = chosen.tempFiles.slice(0, room);
    const fitting = files.filter((file) => file.size <= UPLOAD_SIZE_MAX_BYTES);
    setProblem(fitting.length < files.length ? strings.taskProof.tooLarge(UPLOAD_SIZE_MAX_MB) : null);
    const added = fitting.map((file): ProofImage => ({ key: nextKey.current++, localPath: file.tempFilePath, status: 'uploading' }));
    setImages((list) => [...list, ...added]);
    await Promise.all(added.map(upload));
  };

  const retry = (image: ProofImage) => {
    setProblem(null);
    update(image.key, { status: 'uploading' });
    void upload(image);
  };

  const remove = (key: number) => setImages((list) => list.filter((image) => image.key !== key));

  return {
    images,
    problem,
    uploading: images.some((image) => image.status === 'uploading'),
    urls: images.flatMap((image) => (image.status === 'uploaded' && image.url ? [image.url] : [])),
    pick,
    retry,
    remove,
  };
}

export type ProofImages = ReturnType<typeof useProofImages>;
