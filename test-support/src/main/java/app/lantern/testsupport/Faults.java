package app.lantern.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A test that kills, stops or freezes real processes — a broker, PostgreSQL, a service — and waits out the outage it
 * makes. It runs in the faults stage ({@code ./mvnw verify -Pfaults}, the second step of {@code .ci/run}), in
 * parallel forks beside the others of its kind, not in the default build.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag(Faults.TAG)
public @interface Faults {

	String TAG = "faults";
}
