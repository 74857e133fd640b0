// TokenCipher on AWS KMS; the shop id is the encryption context, so a ciphertext cannot be used for another shop.
// Decrypted tokens are kept in the container's memory for a few minutes: a sender sending many SMS for one shop
// asks KMS once, not once per SMS (KMS requests are a large share of the cost per message).
import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import type { TokenCipher } from '#services/ports';

const CACHE_TTL_MS = 5 * 60_000;
const CACHE_MAX_ENTRIES = 500;

export function createKmsCipher(client: KMSClient, keyId: string, now: () => number = Date.now): TokenCipher {
  const cache = new Map<string, { plaintext: string; until: number }>();
  return {
    async encrypt(plaintext, shop) {
      const res = await client.send(
        new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(plaintext, 'utf8'), EncryptionContext: { shop } }),
      );
      return Buffer.from(res.CiphertextBlob!).toString('base64');
    },
    async decrypt(ciphertext, shop) {
      const key = `${shop}\n${ciphertext}`;
      const hit = cache.get(key);
      if (hit && hit.until > now()) return hit.plaintext;
      const res = await client.send(
        new DecryptCommand({
          KeyId: keyId,
          CiphertextBlob: Buffer.from(ciphertext, 'base64'),
          EncryptionContext: { shop },
        }),
      );
      const plaintext = Buffer.from(res.Plaintext!).toString('utf8');
      if (cache.size >= CACHE_MAX_ENTRIES) cache.delete(cache.keys().next().value!);
      cache.set(key, { plaintext, until: now() + CACHE_TTL_MS });
      return plaintext;
    },
  };
}
