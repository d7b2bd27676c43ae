/** Benchmarks that print numbers, run against the local stack; never timed unit tests. */
package app.lantern.bench;
