package dev.gathercopy.helm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** values.schema.json and validateValues refuse values the services or Kubernetes could not work with. */
class ValuesValidationTests {

	@Test
	void schemaRejectsAnUnknownTopLevelKey() {
		assertThatIllegalStateException().isThrownBy(() -> Chart.render().set("storag.replicaCount", 2).text())
			.withMessageContaining("values don't meet the specifications of the schema")
			.withMessageContaining("Additional property storag is not allowed");
	}

	@ParameterizedTest
	@CsvSource({ "storage.persistence.sise, 10Gi", "agent.probes.liveness.initialDelay, 5",
			"networkPolicy.prometheus.namespace, monitoring", "storage.ingress.hosts[0].paths[0].service, x",
			"monitoring.serviceMonitor.intervall, 10s", "securityContext.runAsNonRoot, false" })
	void schemaRejectsAnUnknownNestedKey(String key, String value) {
		String unknown = key.substring(key.lastIndexOf('.') + 1);

		assertThatIllegalStateException().isThrownBy(() -> Chart.render().set(key, value).text())
			.withMessageContaining("Additional property " + unknown + " is not allowed");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "storage.replicaCount | -1 | Must be greater than or equal to 0",
			"storage.replicaCount | two | Invalid type. Expected: integer",
			"storage.persistence.accessMode | ReadWriteSometimes | must be one of the following",
			"storage.limits.maxRegionsPerRequest | 0 | Must be greater than or equal to 1",
			"storage.limits.maxRegionsPerRequest | 20000000 | Must be less than or equal to 1e+07",
			"storage.limits.maxBytesPerRequest | 64 gigabytes | Does not match pattern",
			"storage.handles.ttl | a while | Does not match pattern",
			"storage.root | data/storage | Does not match pattern",
			"storage.image.pullPolicy | Sometimes | must be one of the following",
			"storage.service.port | 70000 | Must be less than or equal to 65535",
			"agent.storage.url | ftp://storage | Does not match pattern",
			"auth.token | short | Does not match pattern",
			"securityContext.runAsUser | 0 | Must be greater than or equal to 1",
			"storage.resources.limits.memory | lots | Does not match pattern",
			"storage.podDisruptionBudget.maxUnavailable | half | Must validate one and only one schema" })
	void schemaRejectsABadValue(String key, String value, String message) {
		assertThatIllegalStateException().isThrownBy(() -> Chart.render().set(key, value).text())
			.withMessageContaining("values don't meet the specifications of the schema")
			.withMessageContaining(message);
	}

	@Test
	void moreThanOneStoragePodOnAReadWriteOnceVolumeIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> Chart.render().set("storage.replicaCount", 2).text())
			.withMessageContaining("storage.replicaCount is 2 but storage.persistence.accessMode is ReadWriteOnce")
			.withMessageContaining("Set storage.persistence.accessMode=ReadWriteMany or storage.replicaCount=1");
	}

	@Test
	void moreThanOneStoragePodOnAReadWriteOncePodVolumeIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> Chart.render()
				.set("storage.replicaCount", 2)
				.set("storage.persistence.accessMode", "ReadWriteOncePod")
				.text())
			.withMessageContaining("needs a ReadWriteMany volume");
	}

	@Test
	void moreThanOneStoragePodOnAReadWriteManyVolumeIsAccepted() {
		assertThatCode(() -> Chart.render()
			.set("storage.replicaCount", 2)
			.set("storage.persistence.accessMode", "ReadWriteMany")
			.text()).doesNotThrowAnyException();
	}

	@Test
	void moreThanOneAgentPodIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> Chart.render().set("agent.replicaCount", 2).text())
			.withMessageContaining("agent.replicaCount is 2")
			.withMessageContaining("runs as 0 or 1 pod");
	}

	@Test
	void tokenInValuesAndAnExistingSecretTogetherAreRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> Chart.render()
				.set("auth.token", "given-in-values-0123456789")
				.set("auth.existingSecret", "gathercopy-token")
				.text())
			.withMessageContaining("give the token in one place only");
	}

	@ParameterizedTest
	@CsvSource({ "storage.extraEnv.STORAGE_ROOT, storage.extraEnv.STORAGE_ROOT",
			"agent.extraEnv.AGENT_STORAGE_TOKEN, agent.extraEnv.AGENT_STORAGE_TOKEN",
			"storage.extraEnv.JAVA_TOOL_OPTIONS, storage.extraEnv.JAVA_TOOL_OPTIONS" })
	void extraEnvMayNotShadowWhatTheChartSets(String key, String named) {
		assertThatIllegalStateException().isThrownBy(() -> Chart.render().set(key, "x").text())
			.withMessageContaining(named + " is set by the chart itself");
	}

	@Test
	void prometheusPeerThatWouldAdmitEveryPodIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> Chart.render().valuesYaml("""
				networkPolicy:
				  prometheus:
				    namespaceLabels:
				      kubernetes.io/metadata.name: null
				    podLabels:
				      app.kubernetes.io/name: null
				""").text()).withMessageContaining("would admit every pod of the namespace to storage");
	}

	@Test
	void extraEnvReachesTheServiceConfigMap() {
		Manifests manifests = Chart.render().values("scheduling-values.yaml").manifests();

		assertThat(manifests.configMap("storage").getData()).containsEntry("LOGGING_LEVEL_DEV_GATHERCOPY", "DEBUG")
			.containsEntry("STORAGE_LIMITS_MAXREGIONSPERREQUEST", "1000000")
			.containsEntry("STORAGE_HANDLES_TTL", "1h");
		assertThat(manifests.configMap("agent").getData()).containsEntry("LOGGING_LEVEL_ROOT", "WARN")
			.containsEntry("AGENT_PUSH_VERIFY", "false")
			.containsEntry("AGENT_STORAGE_READTIMEOUT", "30m");
	}

}
