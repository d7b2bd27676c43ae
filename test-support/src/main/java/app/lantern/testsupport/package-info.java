/**
 * A real Kafka broker and a real PostgreSQL for tests, started once per test JVM and shared by every
 * Spring context in it. Annotate a test with {@link LanternInfrastructure}; the default build uses
 * spring-kafka-test's embedded KRaft broker and zonky's embedded PostgreSQL binaries, and
 * {@code -Pdocker} uses Testcontainers with {@code @ServiceConnection} instead.
 */
package app.lantern.testsupport;
