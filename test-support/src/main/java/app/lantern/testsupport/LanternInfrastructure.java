package app.lantern.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Gives a Spring Boot test a real Kafka broker and a database of its own (named after
 * {@code spring.application.name}) on the shared PostgreSQL, with Flyway applied by the service as usual.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(InfrastructureSelector.class)
public @interface LanternInfrastructure {
}
