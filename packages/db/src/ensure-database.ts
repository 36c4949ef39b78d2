import postgres from 'postgres';
import { databaseNameOf, withDatabaseName } from '@shopgraph/config';

/** Creates the database named in `url` when it is missing; safe when several processes race to do it. */
export async function ensureDatabase(url: string): Promise<void> {
  const name = databaseNameOf(url);
  const admin = postgres(withDatabaseName(url, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${name}`;
    if (rows.length > 0) return;
    await admin.unsafe(`create database "${name.replace(/"/g, '""')}"`).catch((error: { code?: string }) => {
      // 42P04 duplicate_database, 23505 unique_violation: another process created it first.
      if (error.code !== '42P04' && error.code !== '23505') throw error;
    });
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** Drops databases whose names start with `prefix_`: test clean-up. */
export async function dropDatabasesWithPrefix(serverUrl: string, prefix: string): Promise<void> {
  const admin = postgres(withDatabaseName(serverUrl, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${prefix}\\_%`}`;
    for (const { datname } of rows) {
      await admin.unsafe(`drop database if exists "${datname.replace(/"/g, '""')}" with (force)`);
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
}
