import { DEFAULT_JOURNAL_SIZE, DEFAULT_JOURNAL_TOTAL, Journal, JournalBudget, type JournalRecord } from '../engine/journal/journal.js';

/**
 * The proxy's journals, one per `X-Mock-Session`, under the same budget as the sandbox's memory store. The proxy
 * keeps no API state, so a session here is only its journal.
 */
export class ProxyJournals {
  private readonly journals = new Map<string, Journal>();
  private readonly budget: JournalBudget;

  constructor(private readonly size = DEFAULT_JOURNAL_SIZE, total = DEFAULT_JOURNAL_TOTAL) {
    this.budget = new JournalBudget(total);
  }

  add(session: string, record: JournalRecord): void {
    let journal = this.journals.get(session);
    if (!journal) this.journals.set(session, (journal = new Journal(this.size)));
    this.budget.add(journal, record);
  }

  /** Newest first, secrets redacted (the journal redacts when read); an unknown session has none. */
  list(session: string): unknown[] {
    return this.journals.get(session)?.list() ?? [];
  }
}
