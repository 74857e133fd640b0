// The token cipher port on KMS, for the AWS composition root.
import { KMSClient } from '@aws-sdk/client-kms';
import { createKmsCipher } from '#adapters/kms-cipher';
import type { AwsPorts } from '../composition';

export const kms: AwsPorts = {
  cipher: ({ config }) => {
    if (!config.KMS_KEY_ID) throw new Error('CONFIG_INVALID: KMS_KEY_ID is required in AWS');
    return createKmsCipher(new KMSClient({}), config.KMS_KEY_ID);
  },
};
