import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

/**
 * A private certificate authority and a server certificate it signed, made at test time (RSA
 * keys from Node's crypto, X.509 from node-forge): the fixture server presents the server
 * certificate, clients trust the CA in-process or through NODE_EXTRA_CA_CERTS.
 */
export interface TestPki {
  caPem: string;
  certPem: string;
  keyPem: string;
  /** the CA written to a file, for NODE_EXTRA_CA_CERTS */
  caFile: string;
}

function rsaPair(): {
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
  pem: string;
} {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(privateKey);
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e), pem: privateKey };
}

function serial(): string {
  // positive, 16 bytes
  return `01${randomBytes(15).toString('hex')}`;
}

export function makeTestPki(dir: string, hosts: { dns?: string[]; ips?: string[] } = {}): TestPki {
  const now = new Date();
  const notBefore = new Date(now.getTime() - 60_000);
  const notAfter = new Date(now.getTime() + 24 * 3600_000);

  const ca = rsaPair();
  const caCert = forge.pki.createCertificate();
  caCert.publicKey = ca.publicKey;
  caCert.serialNumber = serial();
  caCert.validity.notBefore = notBefore;
  caCert.validity.notAfter = notAfter;
  const caName = [{ name: 'commonName', value: 'Cloudward test CA' }];
  caCert.setSubject(caName);
  caCert.setIssuer(caName);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  caCert.sign(ca.privateKey, forge.md.sha256.create());

  const leaf = rsaPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = leaf.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  cert.setSubject([{ name: 'commonName', value: 'localhost' }]);
  cert.setIssuer(caName);
  const altNames = [
    ...(hosts.dns ?? ['localhost']).map((value) => ({ type: 2, value })),
    ...(hosts.ips ?? ['127.0.0.1']).map((ip) => ({ type: 7, ip })),
  ];
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(ca.privateKey, forge.md.sha256.create());

  const caPem = forge.pki.certificateToPem(caCert);
  const caFile = join(dir, 'test-ca.pem');
  writeFileSync(caFile, caPem);
  return { caPem, certPem: forge.pki.certificateToPem(cert), keyPem: leaf.pem, caFile };
}
