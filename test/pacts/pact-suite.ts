import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { describe, it } from 'vitest';
import { generatedPactDir } from './pact-dirs.js';

export { MatchersV3 };

export interface PactRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The API's own path (as in its spec), without the sandbox prefix. */
  path: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, unknown>;
  body?: unknown;
}

export interface PactResponse {
  status: number;
  headers?: Record<string, unknown>;
  body?: unknown;
}

export interface PactInteraction<Client> {
  /** `uponReceiving`: unique within the pact. */
  description: string;
  /** A provider state: a scenario name (`cloud66/already-linked`) or `default fixture`. */
  state: string;
  request: PactRequest;
  response: PactResponse;
  /** Drives the typed client against the mock server and asserts what the client makes of the answer. */
  exercise(client: Client): Promise<void>;
}

export interface PactPair<Client> {
  consumer: string;
  provider: string;
  /** Where in the sandbox the provider side is verified: the API prefix, or the reference partner's base. */
  verifyAt: string;
  /** True when a partner implements the provider side (they verify their own service against this pact). */
  partnerIsProvider: boolean;
  makeClient(baseUrl: string): Client;
  interactions: PactInteraction<Client>[];
}

export function pactFileName(pair: { consumer: string; provider: string }): string {
  return `${pair.consumer}-${pair.provider}.json`;
}

/** One vitest `it` per interaction; each writes its interaction into the pair's pact file. */
export function definePactSuite<Client>(pair: PactPair<Client>): void {
  describe(`${pair.consumer} → ${pair.provider}`, () => {
    it.each(pair.interactions.map((i) => [i.description, i] as const))('%s', async (_description, interaction) => {
      const pact = new PactV4({ consumer: pair.consumer, provider: pair.provider, dir: generatedPactDir(), logLevel: 'warn' });
      const { request, response } = interaction;
      // Pact reports a failed exercise only as "expected but not received": keep the client's own error.
      let clientError: unknown;
      await pact
        .addInteraction()
        .given(interaction.state)
        .uponReceiving(interaction.description)
        .withRequest(request.method, request.path, (b) => {
          if (request.query) b.query(request.query);
          if (request.headers) b.headers(request.headers as Record<string, string>);
          if (request.body !== undefined) b.jsonBody(request.body);
        })
        .willRespondWith(response.status, (b) => {
          if (response.headers) b.headers(response.headers as Record<string, string>);
          if (response.body !== undefined) b.jsonBody(response.body);
        })
        .executeTest(async (mock) => {
          try {
            await interaction.exercise(pair.makeClient(mock.url));
          } catch (err) {
            clientError = err;
            throw err;
          }
        })
        .catch((err: unknown) => {
          throw clientError ? new Error(`the client failed: ${String(clientError)}\n${String(err)}`, { cause: clientError }) : err;
        });
    });
  });
}

