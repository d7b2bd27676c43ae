package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract's configuration table ({@code docs/contract.md}) against the settings the services really have: every
 * {@code lantern.*} key in the services' configuration metadata (generated from their {@code @ConfigurationProperties},
 * plus the few read with {@code @Value}) is in the table as its environment variable, and every {@code LANTERN_*}
 * variable it or the README names is a real setting — or one of the local stack's own.
 */
class ConfigurationTableTest {

	/** Read by the local stack's launcher itself, or placed into Spring settings by an application.yml. */
	private static final Set<String> NOT_LANTERN_KEYS = Set.of("LANTERN_DATA_DIR", "LANTERN_KAFKA_PORT",
			"LANTERN_POSTGRES_PORT", "LANTERN_STATE_DIR", "LANTERN_ALERTS_STREAM_THREADS", "LANTERN_JAVA_HOME",
			"LANTERN_JAVA_OPTIONS", "LANTERN_START_ARCHIVE");

	@Test
	void theContractNamesEverySettingAndTheDocsOnlyRealOnes() throws Exception {
		Set<String> settings = new TreeSet<>();
		JsonMapper json = JsonMapper.builder().build();
		for (String file : new String[] { "META-INF/spring-configuration-metadata.json",
				"META-INF/additional-spring-configuration-metadata.json" }) {
			for (URL url : Collections.list(getClass().getClassLoader().getResources(file))) {
				try (InputStream in = url.openStream()) {
					for (JsonNode property : json.readTree(in).path("properties")) {
						String name = property.path("name").asString();
						if (name.startsWith("lantern.")) {
							settings.add(normal(name));
						}
					}
				}
			}
		}
		Set<String> documented = variables(Path.of("../docs/contract.md"));
		Set<String> named = new TreeSet<>(documented);
		named.addAll(variables(Path.of("../README.md")));

		assertThat(settings).as("the services' settings, read from their metadata").hasSizeGreaterThan(30);
		Set<String> undocumented = new TreeSet<>(settings);
		documented.forEach(name -> undocumented.remove(normal(name)));
		assertThat(undocumented).as("settings missing from the contract's table").isEmpty();
		Set<String> unknown = new TreeSet<>();
		for (String name : named) {
			if (!settings.contains(normal(name)) && !NOT_LANTERN_KEYS.contains(name)) {
				unknown.add(name);
			}
		}
		assertThat(unknown).as("variables in the docs that are no setting of any service").isEmpty();
	}

	private static Set<String> variables(Path document) throws Exception {
		Set<String> variables = new TreeSet<>();
		Matcher variable = Pattern.compile("`(LANTERN_[A-Z_]+)`").matcher(Files.readString(document));
		while (variable.find()) {
			variables.add(variable.group(1));
		}
		return variables;
	}

	/** Spring's relaxed binding: case, dots, dashes and underscores do not count. */
	private static String normal(String name) {
		return name.toLowerCase().replaceAll("[._-]", "");
	}
}
