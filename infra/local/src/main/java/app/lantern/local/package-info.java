/**
 * The local stack behind one command: a real Kafka broker (KRaft) as its own process, PostgreSQL from
 * embedded binaries, the three services as separate processes, and demo data on first start. Everything
 * lives under one data folder, so a restart resumes where it stopped.
 */
package app.lantern.local;
