package dev.gathercopy.helm;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The chart lints cleanly and renders only objects and fields that Kubernetes knows, for every tested values set. */
class ManifestModelTests {

	@Test
	void strictLintPassesWithTheDefaultValues() {
		LintResult lint = new Helm(Chart.DIR).lint().strict().call();

		assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
		assertThat(lint.getMessages()).allMatch((message) -> message.startsWith("[INFO]"));
	}

	@Test
	void ciFolderHoldsTheScenariosTheChartIsTestedWith() {
		assertThat(Chart.ciValuesFiles()).extracting((file) -> file.getFileName().toString())
			.contains("default-values.yaml", "rwx-replicas-values.yaml", "ingress-monitoring-values.yaml",
					"existing-secret-values.yaml");
	}

	static Stream<Arguments> valuesSets() {
		return Stream.concat(Stream.of(Arguments.of("chart defaults", null)),
				Chart.ciValuesFiles().stream().map((file) -> Arguments.of(file.getFileName().toString(), file)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("valuesSets")
	void everyRenderedObjectIsATypedKubernetesObjectWithoutUnknownFields(String name, Path valuesFile) {
		Chart.Render render = Chart.render().withHooks();
		if (valuesFile != null) {
			render.values(valuesFile);
		}
		Manifests manifests = render.manifests();

		assertThat(manifests.objects()).isNotEmpty();
		for (HasMetadata object : manifests.objects()) {
			String described = Manifests.describe(object);
			if (object instanceof GenericKubernetesResource resource) {
				assertThat(resource.getKind()).as("%s is not modelled by fabric8", described).isEqualTo("ServiceMonitor");
				assertServiceMonitorFieldsExist(resource);
			}
			else {
				assertThat(StrictModel.unknownFields(object)).as("unknown fields of %s", described).isEmpty();
			}
			assertThat(object.getMetadata().getLabels()).as("labels of %s", described)
				.containsKeys("helm.sh/chart", "app.kubernetes.io/name", "app.kubernetes.io/instance",
						"app.kubernetes.io/component", "app.kubernetes.io/version", "app.kubernetes.io/part-of",
						"app.kubernetes.io/managed-by");
		}
	}

	@Test
	void strictModelReportsAFieldKubernetesDoesNotKnow() {
		HasMetadata deployment = StrictModel.read("""
				apiVersion: apps/v1
				kind: Deployment
				metadata:
				  name: typo
				spec:
				  replica: 2
				  template:
				    spec:
				      containers:
				        - name: app
				          image: app
				          securityContext:
				            readOnlyRootFileSystem: true
				""");

		assertThat(StrictModel.unknownFields(deployment)).containsExactlyInAnyOrder("spec.replica",
				"spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem");
	}

	/**
	 * fabric8 has no model of the Prometheus Operator's ServiceMonitor: its fields are checked against the names the
	 * monitoring.coreos.com/v1 CRD defines for the parts the chart uses.
	 */
	@SuppressWarnings("unchecked")
	private static void assertServiceMonitorFieldsExist(GenericKubernetesResource monitor) {
		assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
		assertFieldsAmong(monitor.getAdditionalProperties(), "spec");
		Map<String, Object> spec = (Map<String, Object>) monitor.getAdditionalProperties().get("spec");
		assertFieldsAmong(spec, "endpoints", "selector", "namespaceSelector", "jobLabel", "targetLabels",
				"podTargetLabels", "sampleLimit");
		assertFieldsAmong((Map<String, Object>) spec.get("namespaceSelector"), "any", "matchNames");
		assertFieldsAmong((Map<String, Object>) spec.get("selector"), "matchLabels", "matchExpressions");
		for (Map<String, Object> endpoint : (List<Map<String, Object>>) spec.get("endpoints")) {
			assertFieldsAmong(endpoint, "port", "targetPort", "path", "scheme", "interval", "scrapeTimeout",
					"honorLabels", "relabelings", "metricRelabelings", "params", "authorization", "tlsConfig");
		}
	}

	private static void assertFieldsAmong(Map<String, Object> object, String... known) {
		assertThat(Set.of(known)).as("fields of the ServiceMonitor").containsAll(object.keySet());
	}

}
