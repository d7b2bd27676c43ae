package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import app.lantern.events.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kubernetes manifests as {@code kubectl kustomize} renders them (Debian's kubectl; CI installs it), each
 * document parsed into fabric8's typed model, against what the services really use: the ports and probe paths
 * of their application.yml, environment variables that are real settings, the contract's topics with the
 * partitions and replicas the services are given, Secrets referenced and never embedded, a disruption budget
 * for each workload, and checkin-service's 8080 open to the ingress controller alone, whose forwarded client address
 * the service trusts.
 */
class KubernetesManifestsTest {

	private static final Path K8S = Path.of("../infra/k8s");

	/** Workload, its kind, and its ports as the service's application.yml gives them. */
	private record Workload(String name, String kind, int port, int managementPort) {
	}

	private static final List<Workload> WORKLOADS = List.of(workload("checkin-service", "Deployment"),
			workload("alert-service", "StatefulSet"), workload("notifier-service", "Deployment"));

	/** Secrets the services read: their own, and the one Strimzi makes for each service's Kafka user. */
	private static final Set<String> SECRETS = Set.of("lantern-checkin-db", "lantern-notifier-db", "lantern-twilio",
			"lantern-mail", "lantern-admin", "lantern-push", "checkin-service", "alert-service", "notifier-service");

	@ParameterizedTest
	@ValueSource(strings = { "overlays/production", "base" })
	void theManifestsFitTheServices(String kustomization) throws Exception {
		List<HasMetadata> documents = render(K8S.resolve(kustomization));
		assertThat(documents).as("rendered documents").hasSizeGreaterThan(20);
		assertThat(documents).as("Secrets are referenced, never embedded").noneMatch(Secret.class::isInstance);
		ConfigMap config = only(documents, ConfigMap.class, "lantern-config");

		for (Workload workload : WORKLOADS) {
			PodTemplateSpec pod = podTemplate(documents, workload);
			Container container = pod.getSpec().getContainers().get(0);
			assertThat(container.getImage()).as(workload.name() + " image").contains("lantern/" + workload.name());
			Map<String, Integer> ports = container.getPorts().stream()
				.collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
			assertThat(ports).as(workload.name() + " ports").containsEntry("management", workload.managementPort());
			if (workload.port() != workload.managementPort()) {
				assertThat(ports).containsEntry("http", workload.port());
			}
			for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(),
					container.getReadinessProbe())) {
				assertThat(probe.getHttpGet().getPort().getStrVal()).as(workload.name() + " probes on the management port")
					.isEqualTo("management");
				assertThat(probe.getHttpGet().getPath()).isIn("/actuator/health/liveness", "/actuator/health/readiness");
			}
			assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
			assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");

			Set<String> names = new TreeSet<>(config.getData().keySet());
			container.getEnv().stream().map(EnvVar::getName).forEach(names::add);
			Set<String> settings = settingsOf(workload.name());
			assertThat(names.stream().filter(name -> !isSetting(name, settings)).toList())
				.as(workload.name() + ": environment variables that are no setting of the service").isEmpty();
			for (EnvVar variable : container.getEnv()) {
				if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
					assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isIn(SECRETS);
				}
			}
			assertThat(container.getEnvFrom()).anySatisfy(from -> assertThat(from.getConfigMapRef().getName())
				.isEqualTo("lantern-config"));
			assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
			assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();

			PodDisruptionBudget budget = only(documents, PodDisruptionBudget.class, workload.name());
			assertThat(pod.getMetadata().getLabels()).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
			Service service = only(documents, Service.class, workload.name());
			assertThat(service.getSpec().getPorts()).anySatisfy(port -> {
				assertThat(port.getName()).isEqualTo("management");
				assertThat(port.getPort()).isEqualTo(workload.managementPort());
			});
			assertThat(pod.getMetadata().getLabels()).containsAllEntriesOf(service.getSpec().getSelector());
		}

		StatefulSet alerts = only(documents, StatefulSet.class, "alert-service");
		Container engine = alerts.getSpec().getTemplate().getSpec().getContainers().get(0);
		String stateDir = env(engine, "LANTERN_STATE_DIR").orElseThrow();
		assertThat(engine.getVolumeMounts()).as("the state stores on the StatefulSet's volume")
			.anySatisfy(mount -> {
				assertThat(mount.getMountPath()).isEqualTo(stateDir);
				assertThat(alerts.getSpec().getVolumeClaimTemplates()).extracting(claim -> claim.getMetadata().getName())
					.contains(mount.getName());
			});
		assertThat(env(engine, "SPRING_KAFKA_STREAMS_PROPERTIES_NUM_STANDBY_REPLICAS")).as("standby replicas")
			.hasValue("1");

		Container checkin = podTemplate(documents, WORKLOADS.get(0)).getSpec().getContainers().get(0);
		assertThat(env(checkin, "SERVER_FORWARD_HEADERS_STRATEGY")).as("the client's address from the ingress")
			.hasValue("native");
		assertThat(env(checkin, "SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES")).as("trusted from the ingress's network")
			.hasValueSatisfying(proxies -> assertThat("10.42.0.7").matches(proxies));

		topicsMatchTheServices(documents, config);
		kafkaIsReachedOverTlsByAUserPerService(documents, config);
		onlyTheIngressReachesTheCheckInPort(documents);
		prometheusScrapesTheManagementPorts(documents);
	}

	private static void topicsMatchTheServices(List<HasMetadata> documents, ConfigMap config) {
		int partitions = Integer.parseInt(config.getData().get("LANTERN_KAFKA_PARTITIONS"));
		int replicas = Integer.parseInt(config.getData().get("LANTERN_KAFKA_REPLICATION_FACTOR"));
		List<GenericKubernetesResource> topics = custom(documents, "KafkaTopic");
		Set<String> expected = new TreeSet<>();
		Topics.ALL.forEach(topic -> expected.addAll(List.of(topic, Topics.deadLetter(topic))));
		assertThat(topics).extracting(topic -> topic.getMetadata().getName())
			.as("a KafkaTopic for each topic of the contract and its dead letters").containsExactlyInAnyOrderElementsOf(expected);
		for (GenericKubernetesResource topic : topics) {
			String name = topic.getMetadata().getName();
			Map<String, Object> spec = topic.get("spec");
			assertThat(((Number) spec.get("partitions")).intValue()).as(name + " partitions").isEqualTo(partitions);
			assertThat(((Number) spec.get("replicas")).intValue()).as(name + " replicas").isEqualTo(replicas);
			Map<String, String> created = Topics.ALL.contains(name)
					? Topics.definition(name, partitions, Optional.empty()).configs()
					: Topics.deadLetterDefinition(name.substring(0, name.length() - Topics.DEAD_LETTER_SUFFIX.length()),
							partitions, Optional.empty()).configs();
			@SuppressWarnings("unchecked")
			Map<String, Object> configs = (Map<String, Object>) spec.getOrDefault("config", Map.of());
			Map<String, String> declared = new java.util.TreeMap<>();
			configs.forEach((key, value) -> declared.put(key, String.valueOf(value)));
			assertThat(declared).as(name + " configs: cleanup, retention, compaction as the services create them")
				.isEqualTo(new java.util.TreeMap<>(created));
			assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "lantern");
		}
		GenericKubernetesResource kafka = custom(documents, "Kafka").get(0);
		Map<String, Object> brokers = kafka.get("spec", "kafka", "config");
		assertThat(((Number) brokers.get("default.replication.factor")).intValue()).isEqualTo(replicas);
		assertThat(((Number) brokers.get("min.insync.replicas")).intValue()).as("one node may be lost")
			.isEqualTo(replicas - 1);
		int pool = custom(documents, "KafkaNodePool").stream()
			.mapToInt(nodes -> ((Number) nodes.get("spec", "replicas")).intValue()).sum();
		assertThat(pool).as("nodes for every replica").isGreaterThanOrEqualTo(replicas);
		List<Map<String, Object>> listeners = kafka.get("spec", "kafka", "listeners");
		String bootstrap = kafka.getMetadata().getName() + "-kafka-bootstrap:" + listeners.get(0).get("port");
		assertThat(config.getData()).containsEntry("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
	}

	/**
	 * The brokers take TLS and SCRAM only, with ACLs; each service signs in as a Kafka user of its own, trusting the
	 * cluster's CA, and its user may read and write what the service does and nothing else.
	 */
	private static void kafkaIsReachedOverTlsByAUserPerService(List<HasMetadata> documents, ConfigMap config) {
		GenericKubernetesResource kafka = custom(documents, "Kafka").get(0);
		List<Map<String, Object>> listeners = kafka.get("spec", "kafka", "listeners");
		assertThat(listeners).as("every listener").allSatisfy(listener -> {
			assertThat(listener.get("tls")).isEqualTo(true);
			assertThat(listener.get("authentication")).isEqualTo(Map.of("type", "scram-sha-512"));
		});
		assertThat((Map<String, Object>) kafka.get("spec", "kafka", "authorization")).containsEntry("type", "simple");
		assertThat(config.getData()).containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
			.containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512")
			.containsEntry("SPRING_KAFKA_SSL_TRUST_STORE_TYPE", "PEM");
		String trustStore = config.getData().get("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION").replace("file:", "");
		Map<String, GenericKubernetesResource> users = custom(documents, "KafkaUser").stream()
			.collect(Collectors.toMap(user -> user.getMetadata().getName(), user -> user));
		for (Workload workload : WORKLOADS) {
			PodTemplateSpec pod = podTemplate(documents, workload);
			Container container = pod.getSpec().getContainers().get(0);
			EnvVar jaas = container.getEnv().stream()
				.filter(variable -> variable.getName().equals("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")).findFirst()
				.orElseThrow(() -> new AssertionError(workload.name() + " has no Kafka user"));
			assertThat(jaas.getValueFrom().getSecretKeyRef().getName()).as(workload.name() + "'s own Kafka user")
				.isEqualTo(workload.name());
			assertThat(users).containsKey(workload.name());
			assertThat(container.getVolumeMounts()).as(workload.name() + " trusts the cluster's CA")
				.anySatisfy(mount -> assertThat(trustStore).startsWith(mount.getMountPath() + "/"));
			assertThat(pod.getSpec().getVolumes()).anySatisfy(volume -> assertThat(volume.getSecret().getSecretName())
				.isEqualTo("lantern-cluster-ca-cert"));
		}
		assertThat(allowed(users.get("checkin-service"), "Write")).contains(Topics.CHECKINS, Topics.CLIENT_PROFILES);
		assertThat(allowed(users.get("alert-service"), "Read")).containsExactlyInAnyOrder(Topics.CLIENT_PROFILES,
				Topics.CHECKINS, Topics.ALERT_ACTIONS, Topics.ATTENDANCE);
		assertThat(allowed(users.get("alert-service"), "Write")).as("the engine writes no check-in")
			.doesNotContain(Topics.CHECKINS).contains(Topics.ALERTS, Topics.CLIENT_MESSAGES);
		assertThat(allowed(users.get("notifier-service"), "Write")).as("the notifier writes outcomes only")
			.containsExactlyInAnyOrder(Topics.DELIVERIES);
		for (GenericKubernetesResource user : users.values()) {
			List<Map<String, Object>> acls = user.get("spec", "authorization", "acls");
			assertThat(acls).as(user.getMetadata().getName() + ": nothing on every topic but their metadata")
				.noneSatisfy(acl -> {
					Map<?, ?> resource = (Map<?, ?>) acl.get("resource");
					assertThat(resource.get("patternType")).isEqualTo("prefix");
					assertThat(resource.get("name")).isEqualTo("lantern.");
					assertThat((List<?>) acl.get("operations")).isNotEqualTo(List.of("Describe"));
				});
		}
	}

	/** The topics of the contract (not their dead letters) a Kafka user may do {@code operation} on, by name. */
	private static List<String> allowed(GenericKubernetesResource user, String operation) {
		List<Map<String, Object>> acls = user.get("spec", "authorization", "acls");
		return acls.stream()
			.filter(acl -> ((List<?>) acl.get("operations")).contains(operation))
			.map(acl -> (Map<?, ?>) acl.get("resource"))
			.filter(resource -> "topic".equals(resource.get("type")) && "literal".equals(resource.get("patternType"))
					&& Topics.ALL.contains((String) resource.get("name")))
			.map(resource -> (String) resource.get("name"))
			.toList();
	}

	private static void onlyTheIngressReachesTheCheckInPort(List<HasMetadata> documents) {
		List<NetworkPolicy> policies = of(documents, NetworkPolicy.class);
		assertThat(policies).as("everything else is denied").anySatisfy(policy -> {
			assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
			assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
			assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
		});
		Set<Integer> management = WORKLOADS.stream().map(Workload::managementPort).collect(Collectors.toSet());
		for (NetworkPolicy policy : policies) {
			for (NetworkPolicyIngressRule rule : Optional.ofNullable(policy.getSpec().getIngress()).orElse(List.of())) {
				assertThat(rule.getFrom()).as(policy.getMetadata().getName() + ": nothing is open to all").isNotEmpty();
				if (rule.getPorts().stream().anyMatch(port -> port.getPort().getIntVal() == 8080)) {
					assertThat(policy.getSpec().getPodSelector().getMatchLabels()).as(policy.getMetadata().getName())
						.containsEntry("app.kubernetes.io/name", "checkin-service");
					assertThat(rule.getFrom()).as("8080 from the ingress controller alone (its forwarded address is trusted)")
						.allSatisfy(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
							.containsEntry("kubernetes.io/metadata.name", "ingress-nginx"));
				}
				else if (rule.getPorts().stream().anyMatch(port -> management.contains(port.getPort().getIntVal()))) {
					boolean prometheus = rule.getFrom().stream().allMatch(peer -> peer.getNamespaceSelector() != null
							&& "monitoring".equals(peer.getNamespaceSelector().getMatchLabels()
								.get("kubernetes.io/metadata.name")));
					boolean sandboxOutbox = policy.getMetadata().getName().equals("notifier-outbox-from-checkin");
					assertThat(prometheus || sandboxOutbox).as(policy.getMetadata().getName()
							+ ": management ports only from Prometheus").isTrue();
				}
			}
		}
	}

	private static void prometheusScrapesTheManagementPorts(List<HasMetadata> documents) {
		GenericKubernetesResource monitor = custom(documents, "ServiceMonitor").get(0);
		Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
		List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
		assertThat(endpoints).singleElement().satisfies(endpoint -> {
			assertThat(endpoint).containsEntry("port", "management").containsEntry("path", "/actuator/prometheus");
		});
		for (Workload workload : WORKLOADS) {
			assertThat(only(documents, Service.class, workload.name()).getMetadata().getLabels())
				.as(workload.name() + " is scraped").containsAllEntriesOf(selector);
		}
	}

	// --- what the services really use

	private static Workload workload(String name, String kind) {
		Map<String, Object> yaml = applicationYml(name);
		int port = (Integer) path(yaml, "server", "port");
		Object management = path(yaml, "management", "server", "port");
		return new Workload(name, kind, port, management == null ? port : (Integer) management);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> applicationYml(String service) {
		try {
			return new Yaml().load(Files.readString(Path.of("..", service, "src/main/resources/application.yml")));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Object path(Map<String, Object> yaml, String... keys) {
		Object node = yaml;
		for (String key : keys) {
			if (!(node instanceof Map)) {
				return null;
			}
			node = ((Map<String, Object>) node).get(key);
		}
		return node;
	}

	/**
	 * The service's settings, relaxed: every property in the configuration metadata on the classpath (Spring
	 * Boot's and the services'), and the variables the service's application.yml and the shared defaults read as
	 * placeholders.
	 */
	private static Set<String> settingsOf(String service) throws IOException {
		Set<String> settings = new HashSet<>();
		JsonMapper json = JsonMapper.builder().build();
		for (String file : new String[] { "META-INF/spring-configuration-metadata.json",
				"META-INF/additional-spring-configuration-metadata.json" }) {
			for (URL url : Collections.list(KubernetesManifestsTest.class.getClassLoader().getResources(file))) {
				try (InputStream in = url.openStream()) {
					for (JsonNode property : json.readTree(in).path("properties")) {
						settings.add(normal(property.path("name").asString()));
					}
				}
			}
		}
		String placeholders = Files.readString(Path.of("..", service, "src/main/resources/application.yml"))
				+ Files.readString(Path.of("../platform/src/main/resources/lantern-defaults.properties"));
		Matcher placeholder = Pattern.compile("\\$\\{([A-Z_]+)").matcher(placeholders);
		while (placeholder.find()) {
			settings.add(normal(placeholder.group(1)));
		}
		return settings;
	}

	private static boolean isSetting(String variable, Set<String> settings) {
		return variable.equals("JAVA_TOOL_OPTIONS") || settings.contains(normal(variable))
				|| variable.startsWith("SPRING_KAFKA_STREAMS_PROPERTIES_") || variable.startsWith("SPRING_KAFKA_PROPERTIES_");
	}

	private static String normal(String name) {
		return name.toLowerCase().replaceAll("[._-]", "");
	}

	// --- the rendered documents

	private static List<HasMetadata> render(Path kustomization) throws Exception {
		Process kubectl;
		try {
			kubectl = new ProcessBuilder("kubectl", "kustomize", kustomization.toString()).redirectErrorStream(true)
				.start();
		}
		catch (IOException missing) {
			throw new AssertionError("kubectl is needed to render the manifests (Debian's package kubectl; .ci/run "
					+ "installs it)", missing);
		}
		String rendered = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(kubectl.exitValue()).as("kubectl kustomize " + kustomization + ":\n" + rendered).isZero();
		KubernetesSerialization serialization = new KubernetesSerialization();
		List<HasMetadata> documents = new ArrayList<>();
		for (String document : rendered.split("(?m)^---\\s*$")) {
			if (!document.isBlank()) {
				documents.add(serialization.unmarshal(document));
			}
		}
		return documents;
	}

	private static <T extends HasMetadata> List<T> of(List<HasMetadata> documents, Class<T> type) {
		return documents.stream().filter(type::isInstance).map(type::cast).toList();
	}

	private static <T extends HasMetadata> T only(List<HasMetadata> documents, Class<T> type, String name) {
		List<T> found = of(documents, type).stream().filter(document -> document.getMetadata().getName().equals(name))
			.toList();
		assertThat(found).as(type.getSimpleName() + " " + name).hasSize(1);
		return found.get(0);
	}

	private static List<GenericKubernetesResource> custom(List<HasMetadata> documents, String kind) {
		return of(documents, GenericKubernetesResource.class).stream().filter(document -> document.getKind().equals(kind))
			.toList();
	}

	private static PodTemplateSpec podTemplate(List<HasMetadata> documents, Workload workload) {
		return switch (workload.kind()) {
			case "Deployment" -> only(documents, Deployment.class, workload.name()).getSpec().getTemplate();
			case "StatefulSet" -> only(documents, StatefulSet.class, workload.name()).getSpec().getTemplate();
			default -> throw new IllegalArgumentException(workload.kind());
		};
	}

	private static Optional<String> env(Container container, String name) {
		return container.getEnv().stream().filter(variable -> variable.getName().equals(name)).map(EnvVar::getValue)
			.filter(value -> value != null).findFirst();
	}
}
