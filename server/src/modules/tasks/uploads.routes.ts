import { z } from 'zod';
import { UPLOAD_FILE_FIELD, UPLOAD_SIZE_MAX_BYTES, uploadParamsSchema, uploadSchema } from '@sharecircle/shared';
import { route } from '../../http/route';
import { UPLOAD_ROUTE_PATH } from './uploads.body';
import type { UploadsService } from './uploads.service';

/** What withFileUploads makes of the multipart form: the file's bytes (JSON bodies never pass this). */
const uploadBodySchema = z.object({
  [UPLOAD_FILE_FIELD]: z.instanceof(Buffer, { message: `the image, as the multipart/form-data field "${UPLOAD_FILE_FIELD}"` }).meta({
    type: 'string',
    format: 'binary',
    description: `PNG or JPEG, at most ${UPLOAD_SIZE_MAX_BYTES} bytes, sent as multipart/form-data (wx.uploadFile with name "${UPLOAD_FILE_FIELD}")`,
  }),
});

export function uploadsRoutes(uploads: UploadsService) {
  return [
    route({
      method: 'post',
      path: UPLOAD_ROUTE_PATH,
      summary: 'Upload a proof image (multipart/form-data, field "file"); name its URL in a task submission',
      tag: 'tasks',
      access: 'member',
      body: uploadBodySchema,
      bodyContentType: 'multipart/form-data',
      response: uploadSchema,
      status: 201,
      errors: ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'MEMBER_NOT_ACTIVE', 'RATE_LIMITED'],
      handler: ({ principal, body }) => uploads.store(principal!, body.file),
    }),
    route({
      method: 'get',
      path: `${UPLOAD_ROUTE_PATH}/:name`,
      summary: 'An uploaded image (public: proof screenshots, under unguessable names)',
      tag: 'tasks',
      access: 'public',
      params: uploadParamsSchema,
      response: null,
      errors: ['NOT_FOUND'],
      handler: ({ params }) => uploads.read(params.name),
    }),
  ];
}
