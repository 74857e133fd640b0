// TokenCipher on AWS KMS; the shop id is the encryption context, so a ciphertext cannot be used for another shop.
import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import type { TokenCipher } from '#services/ports';

export function createKmsCipher(client: KMSClient, keyId: string): TokenCipher {
  return {
    async encrypt(plaintext, shop) {
      const res = await client.send(
        new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(plaintext, 'utf8'), EncryptionContext: { shop } }),
      );
      return Buffer.from(res.CiphertextBlob!).toString('base64');
    },
    async decrypt(ciphertext, shop) {
      const res = await client.send(
        new DecryptCommand({
          KeyId: keyId,
          CiphertextBlob: Buffer.from(ciphertext, 'base64'),
          EncryptionContext: { shop },
        }),
      );
      return Buffer.from(res.Plaintext!).toString('utf8');
    },
  };
}
