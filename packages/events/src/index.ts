export * from './event-bus';
export * from './delivery';
export { MemoryEventBus } from './memory-event-bus';
export { RedisEventBus, type RedisEventBusOptions } from './redis-event-bus';
export { outboxTable, writeOutboxEvent, OUTBOX_CHANNEL, type OutboxWriter } from './outbox';
export { startOutboxRelay, type OutboxRelayOptions } from './outbox-relay';
export { EventContracts, type EventTopic, type EventPayload } from './contracts';
export { isOutage } from './outage';
