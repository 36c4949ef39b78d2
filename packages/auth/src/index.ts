export * from './viewer';
export * from './gateway-signature';
export * from './gateway-secret';
export * from './access-token-claims';
export * from './signing-key-encryption';
