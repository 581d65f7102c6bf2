import { redactHeaders, redactSecrets } from './redact.js';

/** What the sandbox keeps of one exchange. Bodies stay raw until read, so recording costs O(1). */
export interface JournalRecord {
  id: string;
  at: string;
  method: string;
  path: string;
  query: Record<string, unknown>;
  requestHeaders: Record<string, string | string[] | undefined>;
  requestBody: Buffer | undefined;
  requestMediaType: string | undefined;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string | undefined;
  durationMs: number;
  api: string | undefined;
  operationId: string | undefined;
  example: string | undefined;
  /** What shaped the answer other than state: a `Prefer`, a scenario, or nothing. */
  shapedBy: string | undefined;
}

export const DEFAULT_JOURNAL_SIZE = 100;

/** A ring buffer: the newest `capacity` records, oldest overwritten first. */
export class Journal {
  private readonly records: (JournalRecord | undefined)[];
  private head = 0;
  private count = 0;

  constructor(readonly capacity = DEFAULT_JOURNAL_SIZE) {
    this.records = new Array(capacity);
  }

  add(record: JournalRecord): void {
    this.records[this.head] = record;
    this.head = (this.head + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
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

function presentRecord(r: JournalRecord): unknown {
  return {
    id: r.id,
    at: r.at,
    api: r.api,
    operationId: r.operationId,
    example: r.example,
    shapedBy: r.shapedBy,
    durationMs: r.durationMs,
    request: {
      method: r.method,
      path: r.path,
      query: redactSecrets(r.query),
      headers: redactHeaders(r.requestHeaders),
      body: readBody(r.requestBody?.toString('utf8'), r.requestMediaType),
    },
    response: {
      status: r.status,
      headers: redactHeaders(r.responseHeaders),
      body: readBody(r.responseBody, 'application/json'),
    },
  };
}

function readBody(raw: string | undefined, mediaType: string | undefined): unknown {
  if (raw === undefined || raw === '') return undefined;
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
