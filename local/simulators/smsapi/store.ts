// The simulator's memory: accounts, outbox, idx memory and OAuth grants, optionally persisted to a JSON file.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SenderName, SimulatedSms } from './types';

export type PaymentType = 'prepaid' | 'postpaid' | 'subscription' | 'trial';

/** Accounts billed afterwards: no balance in the profile, never refused for points (103). */
export const hasNoBalance = (account: Account) => account.payment_type === 'postpaid' || account.payment_type === 'subscription';

export interface SenderRecord {
  sender: string;
  status: string;
  is_default: boolean;
  created_at: string;
}

export interface BlacklistEntry {
  id: string;
  phone_number: string;
  expire_at: string | null;
  created_at: string;
}

export interface Account {
  username: string;
  /** API token generated "in the SMSAPI panel"; never expires. */
  token: string;
  name: string;
  email: string;
  phone_number: string;
  points: number;
  /** SMSAPI's payment_type; postpaid and subscription accounts have no balance (no `points` in the profile). */
  payment_type?: PaymentType;
  senders: SenderRecord[];
  blacklist: BlacklistEntry[];
}

/** An outbox entry plus the simulator's own bookkeeping for delivery. */
export interface SmsRecord extends SimulatedSms {
  deliverAt?: string;
  doneAt?: string;
  reportPending?: boolean;
}

export interface OAuthGrant {
  accessToken: string;
  refreshToken: string;
  username: string;
  clientId: string;
  scope: string;
  expiresAt: string;
}

export interface AuthorizationCode {
  code: string;
  username: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  expiresAt: number;
}

interface PersistedState {
  version: 1;
  sequence: number;
  accounts: Account[];
  outbox: SmsRecord[];
  idxMemory: Record<string, Record<string, number>>;
  oauthGrants: OAuthGrant[];
}

// Built-in demo account (documented in the brief and shown on the outbox page).
export const DEMO_USERNAME = 'demo-shop';
export const DEMO_TOKEN = 'sim-token-demo';
const DEMO_CREATED_AT = '2024-01-15T10:00:00+01:00';

export function newObjectId(): string {
  return randomBytes(12).toString('hex');
}

export function roundPoints(points: number): number {
  return Math.round(points * 10000) / 10000;
}

export class SimulatorStore {
  accounts = new Map<string, Account>();
  outbox: SmsRecord[] = [];
  /** username -> idx -> epoch ms of the send that used it */
  idxMemory = new Map<string, Map<string, number>>();
  oauthGrants: OAuthGrant[] = [];
  authCodes = new Map<string, AuthorizationCode>();
  private sequence = 0;
  private readonly idBase = 7_000_000_000_000_000_000n + BigInt(Date.now()) * 100_000n;
  private saveTimer: NodeJS.Timeout | undefined;

  constructor(private readonly stateFile?: string) {}

  /** Reads the state file if there is one; a missing file means a fresh start. */
  load(): void {
    if (this.stateFile) {
      let raw: string | undefined;
      try {
        raw = readFileSync(this.stateFile, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      if (raw !== undefined) this.restore(JSON.parse(raw) as PersistedState);
    }
    if (!this.accounts.has(DEMO_USERNAME)) this.accounts.set(DEMO_USERNAME, demoAccount());
  }

  private restore(state: PersistedState): void {
    if (state.version !== 1 || !Array.isArray(state.accounts) || !Array.isArray(state.outbox)) {
      throw new Error(`SIM_STATE_UNREADABLE: ${this.stateFile} is not a state file of this simulator version`);
    }
    this.sequence = state.sequence ?? 0;
    this.accounts = new Map(state.accounts.map((a) => [a.username, a]));
    this.outbox = state.outbox;
    this.idxMemory = new Map(Object.entries(state.idxMemory ?? {}).map(([user, memory]) => [user, new Map(Object.entries(memory))]));
    this.oauthGrants = state.oauthGrants ?? [];
  }

  /** Batches writes: a burst of sends costs one write, not one per SMS. */
  changed(): void {
    if (!this.stateFile || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.flush();
    }, 100);
  }

  flush(): void {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
    }
    if (!this.stateFile) return;
    const state: PersistedState = {
      version: 1,
      sequence: this.sequence,
      accounts: [...this.accounts.values()],
      outbox: this.outbox,
      idxMemory: Object.fromEntries([...this.idxMemory.entries()].map(([user, memory]) => [user, Object.fromEntries(memory)])),
      oauthGrants: this.oauthGrants,
    };
    mkdirSync(dirname(this.stateFile), { recursive: true });
    // Write then rename, so a crash mid-write never leaves half a file behind.
    const temp = `${this.stateFile}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(state));
    renameSync(temp, this.stateFile);
  }

  nextMessageId(): string {
    this.sequence += 1;
    return (this.idBase + BigInt(this.sequence)).toString();
  }

  /** The account an Authorization: Bearer token belongs to (API token or unexpired OAuth access token). */
  accountForToken(token: string, now: Date): Account | undefined {
    for (const account of this.accounts.values()) if (account.token === token) return account;
    const grant = this.oauthGrants.find((g) => g.accessToken === token);
    if (!grant || Date.parse(grant.expiresAt) <= now.getTime()) return undefined;
    return this.accounts.get(grant.username);
  }

  upsertAccount(
    a: { username: string; token: string; points?: number; senders?: SenderName[]; paymentType?: PaymentType },
    now: Date,
  ): void {
    const existing = this.accounts.get(a.username);
    const createdAt = now.toISOString();
    const senders = a.senders
      ? toSenderRecords(a.senders, createdAt)
      : (existing?.senders ?? toSenderRecords([{ sender: 'SMSAPI', status: 'ACTIVE', is_default: true }], createdAt));
    this.accounts.set(a.username, {
      username: a.username,
      token: a.token,
      name: existing?.name ?? a.username,
      email: existing?.email ?? `${a.username}@example.com`,
      phone_number: existing?.phone_number ?? '48500000000',
      points: a.points ?? existing?.points ?? 1000,
      payment_type: a.paymentType ?? existing?.payment_type ?? 'prepaid',
      senders,
      blacklist: existing?.blacklist ?? [],
    });
    this.changed();
  }

  wasIdxUsed(username: string, idx: string, now: Date): boolean {
    const usedAt = this.idxMemory.get(username)?.get(idx);
    return usedAt !== undefined && now.getTime() - usedAt < 24 * 60 * 60 * 1000;
  }

  rememberIdx(username: string, idx: string, now: Date): void {
    let memory = this.idxMemory.get(username);
    if (!memory) {
      memory = new Map();
      this.idxMemory.set(username, memory);
    }
    memory.set(idx, now.getTime());
  }

  /** Clears what tests send; accounts (and their OAuth grants) stay. */
  reset(): void {
    this.outbox = [];
    this.idxMemory.clear();
    this.changed();
  }
}

function toSenderRecords(senders: SenderName[], createdAt: string): SenderRecord[] {
  return senders.map((s) => ({ sender: s.sender, status: s.status, is_default: s.is_default === true, created_at: createdAt }));
}

function demoAccount(): Account {
  const sender = (name: string, status: string, isDefault = false): SenderRecord => ({
    sender: name,
    status,
    is_default: isDefault,
    created_at: DEMO_CREATED_AT,
  });
  return {
    username: DEMO_USERNAME,
    token: DEMO_TOKEN,
    name: 'Sklep Demo',
    email: 'demo-shop@example.com',
    phone_number: '48500100100',
    points: 1000,
    senders: [
      sender('SKLEP 123', 'ACTIVE', true),
      sender('Sklep Demo', 'ACTIVE'),
      sender('SMSAPI', 'ACTIVE'),
      sender('Promocja', 'INACTIVE'),
      sender('Nowy Nadawca', 'PENDING'),
    ],
    blacklist: [],
  };
}
