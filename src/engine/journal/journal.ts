import { redactHeaders, redactSecrets } from './redact.js';

/** What the sandbox keeps of one exchange. Bodies stay raw until read, so recording costs O(1). */
export interface JournalRecord {
  id: string;
  /** Epoch milliseconds (a number costs less to keep than its ISO string; shown as ISO). */
  at: number;
  method: string;
  path: string;
  /** Absent when the URL had no query. */
  query?: Record<string, unknown>;
  requestHeaders: Record<string, string | string[] | undefined>;
  /** As sent, or a note of its size when larger than `JOURNAL_BODY_LIMIT`. */
  requestBody: string | undefined;
  requestMediaType: string | undefined;
  /** 0 when no status line was sent (a scenario's `connection-reset` or `empty-response`). */
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string | undefined;
  durationMs: number;
  api: string | undefined;
  operationId: string | undefined;
  example: string | undefined;
  /** What shaped the answer other than state: a `Prefer`, a scenario, or nothing. */
  shapedBy: string | undefined;
  /** `partner-sandbox proxy`: where the exchange broke the spec, in Prism's `sl-violations` shape; absent elsewhere. */
  violations?: unknown[];
}

// 50 exchanges per session: enough to debug a test.
export const DEFAULT_JOURNAL_SIZE = 50;
/** Records kept over all sessions (about 1 KiB each): 1,000 busy sessions keep their newest 20 each. */
export const DEFAULT_JOURNAL_TOTAL = 20_000;
/** Bodies beyond this are journaled as their size only, so 100 entries per session stay small. */
export const JOURNAL_BODY_LIMIT = 64 * 1024;

const TOO_LARGE = /^\[(\d+) bytes, not kept\]$/;

/**
 * A body as the journal keeps it: a string copy (a Buffer slice would pin its whole 8 KiB pool slab), or
 * its size when too large.
 */
export function keptBody(body: Buffer | string | undefined): string | undefined {
  if (body === undefined) return undefined;
  const bytes = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  if (bytes > JOURNAL_BODY_LIMIT) return `[${bytes} bytes, not kept]`;
  return typeof body === 'string' ? body : body.toString('utf8');
}

/** A ring buffer: the newest `capacity` records, oldest overwritten first. */
export class Journal {
  private readonly records: (JournalRecord | undefined)[];
  private head = 0;
  private count = 0;
  /** How many records were ever added: the sequence number of the next one. */
  private added = 0;

  constructor(readonly capacity = DEFAULT_JOURNAL_SIZE) {
    this.records = new Array(capacity);
  }

  /** Adds a record; returns its sequence number in this journal (for `dropThrough`). */
  add(record: JournalRecord): number {
    this.records[this.head] = record;
    this.head = (this.head + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
    return this.added++;
  }

  /** Forgets the records up to sequence number `seq`, if still kept (a budget shared by many journals). */
  dropThrough(seq: number): void {
    while (this.count > 0 && this.added - this.count <= seq) {
      this.records[(this.head - this.count + this.capacity) % this.capacity] = undefined;
      this.count--;
    }
  }

  /** Newest first, with secrets redacted. */
  list(limit = this.capacity): unknown[] {
    const out: unknown[] = [];
    for (let i = 1; i <= Math.min(limit, this.count); i++) {
      const record = this.records[(this.head - i + this.capacity) % this.capacity];
      if (record) out.push(presentRecord(record));
    }
    return out;
  }

  clear(): void {
    this.records.fill(undefined);
    this.head = 0;
    this.count = 0;
  }
}

/**
 * The records of all journals together, at most `capacity`: each added record is remembered in order, and once
 * the budget is full the oldest one is dropped from whichever journal holds it. O(1) per record, so a thousand
 * busy sessions cannot make the journals the bulk of the process's memory.
 */
export class JournalBudget {
  private readonly journals: (Journal | undefined)[];
  private readonly seqs: Float64Array;
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.journals = new Array(capacity);
    this.seqs = new Float64Array(capacity);
  }

  add(journal: Journal, record: JournalRecord): void {
    const seq = journal.add(record);
    if (this.count === this.capacity) {
      // The slot at `head` holds the oldest record: drop it before reusing the slot.
      this.journals[this.head]!.dropThrough(this.seqs[this.head]);
    } else this.count++;
    this.journals[this.head] = journal;
    this.seqs[this.head] = seq;
    this.head = (this.head + 1) % this.capacity;
  }
}

/** An exchange as the admin API shows it: bodies parsed, secrets redacted. */
export function presentRecord(r: JournalRecord): unknown {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    api: r.api,
    operationId: r.operationId,
    example: r.example,
    shapedBy: r.shapedBy,
    durationMs: r.durationMs,
    request: {
      method: r.method,
      path: r.path,
      query: redactSecrets(r.query ?? {}),
      headers: redactHeaders(r.requestHeaders),
      body: readBody(r.requestBody, r.requestMediaType),
    },
    response: {
      status: r.status,
      headers: redactHeaders(r.responseHeaders),
      body: readBody(r.responseBody, 'application/json'),
    },
    ...(r.violations ? { violations: r.violations } : {}),
  };
}

function readBody(raw: string | undefined, mediaType: string | undefined): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (TOO_LARGE.test(raw)) return raw;
  if (mediaType === 'application/x-www-form-urlencoded') {
    return redactSecrets(Object.fromEntries(new URLSearchParams(raw)));
  }
  try {
    return redactSecrets(JSON.parse(raw));
  } catch {
    // Unparseable bodies may still carry a secret; show only their size.
    return `[${Buffer.byteLength(raw)} bytes, not JSON]`;
  }
}
