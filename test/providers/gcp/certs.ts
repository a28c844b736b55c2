import { generateKeyPair, randomBytes, sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';

/**
 * A private certificate authority and a server certificate it signed for 127.0.0.1 and
 * localhost, made at test time (nothing is committed): RSA keys and signatures from Node's
 * crypto, the X.509 structures from node-forge. The fixture server presents the certificate;
 * clients trust the CA in-process or through NODE_EXTRA_CA_CERTS.
 */
export interface TestPki {
  caPem: string;
  certPem: string;
  keyPem: string;
  /** the CA written to a file, for NODE_EXTRA_CA_CERTS */
  caFile: string;
}

interface RsaPair {
  publicKey: forge.pki.rsa.PublicKey;
  pem: string;
}

const generate = promisify(generateKeyPair);

async function rsaPair(): Promise<RsaPair> {
  const { privateKey } = await generate('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(privateKey);
  return { publicKey: forge.pki.setRsaPublicKey(key.n, key.e), pem: privateKey };
}

/** forge builds the to-be-signed part; its typings do not declare the function */
const getTbs = (forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 })
  .getTBSCertificate;

/** Sign with Node's crypto (forge's own RSA is slow in JavaScript). */
function signCertificate(cert: forge.pki.Certificate, signerPem: string): void {
  const oid = forge.pki.oids.sha256WithRSAEncryption as string;
  cert.signatureOid = oid;
  cert.siginfo.algorithmOid = oid;
  cert.tbsCertificate = getTbs(cert);
  const tbs = Buffer.from(forge.asn1.toDer(cert.tbsCertificate).getBytes(), 'binary');
  cert.signature = sign('sha256', tbs, signerPem).toString('binary');
}

let keys: Promise<[RsaPair, RsaPair]> | undefined;

export async function makeTestPki(dir: string): Promise<TestPki> {
  // key pairs once per process; certificates new per call
  keys ??= Promise.all([rsaPair(), rsaPair()]);
  const [ca, leaf] = await keys;
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(Date.now() + 24 * 3600_000);
  const caName = [{ name: 'commonName', value: 'Cloudward GCP test CA' }];

  const caCert = forge.pki.createCertificate();
  caCert.publicKey = ca.publicKey;
  caCert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  caCert.validity.notBefore = notBefore;
  caCert.validity.notAfter = notAfter;
  caCert.setSubject(caName);
  caCert.setIssuer(caName);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signCertificate(caCert, ca.pem);

  const cert = forge.pki.createCertificate();
  cert.publicKey = leaf.publicKey;
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  cert.setSubject([{ name: 'commonName', value: 'localhost' }]);
  cert.setIssuer(caName);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
      ],
    },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  signCertificate(cert, ca.pem);

  const caPem = forge.pki.certificateToPem(caCert);
  const caFile = join(dir, 'gcp-test-ca.pem');
  writeFileSync(caFile, caPem);
  return { caPem, certPem: forge.pki.certificateToPem(cert), keyPem: leaf.pem, caFile };
}
