import type { TestProject } from 'vitest/node';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

let server: RedisServer | undefined;

/** The sandbox-redis project runs against one real redis-server, started here and stopped afterwards. */
export async function setup(project: TestProject): Promise<void> {
  server = await startRedisServer();
  project.provide('redisUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
