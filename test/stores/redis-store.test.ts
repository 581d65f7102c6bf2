import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { RedisSessionStore } from '../../src/engine/stores/redis-store.js';
import { uniqueKeyPrefix } from '../helpers/redis-keys.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { describeSessionStore } from './session-store.case.js';

let redis: RedisServer;
let raw: Redis;
beforeAll(async () => {
  redis = await startRedisServer();
  raw = new Redis(redis.url);
});
afterAll(async () => {
  raw?.disconnect();
  await redis?.stop();
});

describeSessionStore('Redis', async (factory, options) => {
  const keyPrefix = uniqueKeyPrefix();
  const store = new RedisSessionStore(factory, { url: redis.url, keyPrefix, ...options });
  await store.ready();
  // As another replica (or an older version) would have written it: the session's hash, revision and JSON.
  const saveRaw = async (session: { id: string }) => {
    await raw.hset(`${keyPrefix}s:${session.id}`, 'rev', '1', 'data', JSON.stringify(session));
  };
  return { store, saveRaw };
});
