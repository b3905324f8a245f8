import { certificateSerialParamsSchema, certificateVerificationSchema, myCertificatesSchema } from '@sharecircle/shared';
import { requireMember } from '../../http/principal';
import { route } from '../../http/route';
import type { CertificatesService } from './certificates.service';

export function certificatesRoutes(certificates: CertificatesService) {
  return [
    route({
      method: 'get',
      path: '/certificates/:serial',
      summary: 'Verify a certificate: what its QR code opens (the name masked)',
      tag: 'certificates',
      access: 'public',
      params: certificateSerialParamsSchema,
      response: certificateVerificationSchema,
      errors: ['CERTIFICATE_NOT_FOUND'],
      handler: ({ params }) => certificates.verify(params.serial),
    }),
    route({
      method: 'get',
      path: '/certificates/:serial/image',
      summary: 'The certificate as a 1600x1120 PNG, for the member to save and share',
      tag: 'certificates',
      access: 'public',
      params: certificateSerialParamsSchema,
      response: null,
      errors: ['CERTIFICATE_NOT_FOUND'],
      handler: async ({ params }) => ({ contentType: 'image/png', body: await certificates.png(params.serial) }),
    }),
    route({
      method: 'get',
      path: '/me/certificates',
      summary: 'My certificates, newest first, with their image and verification addresses',
      tag: 'certificates',
      access: 'member',
      response: myCertificatesSchema,
      handler: async ({ principal }) => ({ items: await certificates.listForMember(requireMember(principal!).id) }),
    }),
  ];
}
