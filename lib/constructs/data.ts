// Where everything persists: the single DynamoDB table (its keys come from the shared table definition, so the
// local bootstrap and AWS cannot diverge) and the KMS key that encrypts the shops' stored OAuth tokens.
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ALL_TABLE_ACTIONS, type TableAction } from '../table-actions';
import { INDEXES, MESSAGE_INDEX, ORDER_INDEX, PENDING_INDEX, REF_INDEX, TABLE_KEYS, TABLE_STREAM } from '#adapters/dynamodb/table';

export interface DataGrantOptions {
  readonly refIndex?: boolean;
  readonly orderIndex?: boolean;
  readonly pendingIndex?: boolean;
  readonly messageIndex?: boolean;
  /** Only these actions; all of ALL_TABLE_ACTIONS when absent. */
  readonly actions?: readonly TableAction[];
}

export interface DataProps {
  readonly deletionProtection: boolean;
}

export class Data extends Construct {
  readonly table: dynamodb.Table;
  readonly tokenKey: kms.Key;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: TABLE_KEYS.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.deletionProtection,
      stream: dynamodb.StreamViewType[TABLE_STREAM.viewType],
      // Shops' settings, templates and message history outlive any one deployment of the code.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        ...(index.sortKey ? { sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING } } : {}),
        projectionType: dynamodb.ProjectionType.KEYS_ONLY,
      });
    }

    this.tokenKey = new kms.Key(this, 'TokenKey', {
      description: 'Encrypts the Shoper and SMSAPI OAuth tokens stored per shop (encryption context: shop)',
      enableKeyRotation: true,
      // The retained table holds ciphertext made with this key: deleting the key would make it unreadable.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * Read and write shop items (no Scan: all of a shop's data is one Query away). A function gets only the
   * indexes it queries (by SMSAPI message id: reports; by order and pending: planning and the admin's lists); listing them
   * by name (not `index/*`) keeps any future index out of reach until granted on purpose. `actions` narrows what
   * it may do: the public functions get only the item actions their code sends. No condition on
   * `dynamodb:LeadingKeys` is possible: the shop (the partition key) comes with each request, not with the role.
   */
  grantData(grantee: iam.IGrantable, options: DataGrantOptions = {}): void {
    const resources = [this.table.tableArn];
    if (options.refIndex) resources.push(`${this.table.tableArn}/index/${REF_INDEX.name}`);
    if (options.orderIndex) resources.push(`${this.table.tableArn}/index/${ORDER_INDEX.name}`);
    if (options.pendingIndex) resources.push(`${this.table.tableArn}/index/${PENDING_INDEX.name}`);
    if (options.messageIndex) resources.push(`${this.table.tableArn}/index/${MESSAGE_INDEX.name}`);
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [...(options.actions ?? ALL_TABLE_ACTIONS)],
        resources,
      }),
    );
  }

  /**
   * Encrypt and decrypt with the token key, and only with an encryption context naming the shop, so a token
   * sealed for one shop cannot be opened by a call that does not say which shop it is for.
   */
  grantTokenCrypto(grantee: iam.IGrantable, actions: ReadonlyArray<'kms:Encrypt' | 'kms:Decrypt'>): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [...actions],
        resources: [this.tokenKey.keyArn],
        conditions: { Null: { 'kms:EncryptionContext:shop': 'false' } },
      }),
    );
  }
}
