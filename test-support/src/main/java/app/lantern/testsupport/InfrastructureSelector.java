package app.lantern.testsupport;

import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.type.AnnotationMetadata;

/** Chooses the embedded infrastructure, or Testcontainers when the build runs with {@code -Pdocker}. */
class InfrastructureSelector implements ImportSelector {

	static final String PROPERTY = "lantern.test.infrastructure";

	@Override
	public String[] selectImports(AnnotationMetadata metadata) {
		boolean docker = "docker".equals(System.getProperty(PROPERTY));
		Class<?> chosen = docker ? DockerInfrastructure.class : EmbeddedInfrastructure.class;
		return new String[] { chosen.getName() };
	}
}
