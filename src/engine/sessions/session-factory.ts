import type { ApiModule } from '../api-module.js';
import { FixtureError, type Fixture } from './fixture.js';
import { overlayFixture } from './fixture-overlay.js';
import { idSourceFor } from './id-source.js';
import type { Session } from './session.js';

/** Makes sessions from the default fixture, whichever store keeps them. */
export class SessionFactory {
  constructor(
    private readonly modules: ApiModule[],
    private fixture: Fixture,
  ) {}

  /**
   * New sessions start from `fixture` from now on; sessions already made keep their state (`--watch`).
   * A session is built from it first, so a fixture an API cannot start from is refused (FixtureError naming
   * `file` and the API's section) and the old one stays.
   */
  replaceFixture(fixture: Fixture, file: string): void {
    const ids = idSourceFor({ next: 0 });
    for (const module of this.modules) {
      try {
        module.createState(structuredClone(fixture[module.name] ?? {}), ids);
      } catch (err) {
        throw new FixtureError(file, `/${module.name}`, err instanceof Error ? err.message : String(err));
      }
    }
    this.fixture = fixture;
  }

  create(id: string, now = Date.now()): Session {
    const session: Session = { id, state: {}, ids: { next: 0 }, stickyScenario: null, scenarioCalls: {}, rateWindows: {}, appliedScenarios: [], lastUsed: now };
    const ids = idSourceFor(session.ids);
    for (const module of this.modules) {
      session.state[module.name] = module.createState(structuredClone(this.fixture[module.name] ?? {}), ids);
    }
    return session;
  }

  /** The APIs a session holds a state for, in order. */
  apiNames(): readonly string[] {
    return (this.names ??= this.modules.map((m) => m.name));
  }

  private names: string[] | undefined;

  /**
   * A session as a store kept it, ready to serve: each API's slice through its `restoreState` (migrations, derived
   * indexes), and an API the saved session does not know started from the fixture. Every store calls this on
   * each session it loads.
   */
  restore(saved: Session, now = Date.now(), only?: readonly string[]): Session {
    let ids: ReturnType<typeof idSourceFor> | undefined;
    // `only`: a store read just these APIs' parts (redis-store.ts); the others are neither there nor made.
    for (const module of only ? this.modules.filter((m) => only.includes(m.name)) : this.modules) {
      const slice = saved.state[module.name];
      if (slice === undefined) {
        ids ??= idSourceFor(saved.ids);
        saved.state[module.name] = module.createState(structuredClone(this.fixture[module.name] ?? {}), ids);
      } else if (module.restoreState) saved.state[module.name] = module.restoreState(slice);
    }
    saved.scenarioCalls ??= {};
    saved.rateWindows ??= {};
    saved.appliedScenarios ??= [];
    saved.stickyScenario ??= null;
    saved.lastUsed ??= now;
    return saved;
  }

  /** Rebuilds one API's state from the default fixture with `overlay` laid over it (a scenario's setup). */
  rebuildApiState(session: Session, api: string, overlay: unknown): void {
    const module = this.modules.find((m) => m.name === api);
    if (!module) throw new Error(`no API named ${api}`);
    const fixture = overlayFixture(structuredClone(this.fixture[api] ?? {}), structuredClone(overlay));
    session.state[api] = module.createState(fixture, idSourceFor(session.ids));
  }
}
