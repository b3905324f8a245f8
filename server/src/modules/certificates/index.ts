export { createCertificatesService, type CertificatesService, type IssueCertificateInput } from './certificates.service';
export { certificatesRoutes } from './certificates.routes';
export { hasCjkFont, renderCertificatePng, CERTIFICATE_SIZE_PX, type CertificateContent } from './certificate-image';
export { qrCodePng } from './qr-code';
