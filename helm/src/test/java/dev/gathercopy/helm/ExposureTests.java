package dev.gathercopy.helm;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** How the services are reached and watched: images, Ingresses, ServiceMonitor, disruption budgets, `helm test`, NOTES. */
class ExposureTests {

	@ParameterizedTest
	@CsvSource({ "storage, gathercopy/storage-service", "agent, gathercopy/agent-service" })
	void imageTagDefaultsToTheChartsAppVersion(String component, String repository) {
		Deployment deployment = Chart.render().manifests().deployment(component);

		assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
			.isEqualTo(repository + ":" + Chart.chartYaml().get("appVersion"));
		assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImagePullPolicy())
			.isEqualTo("IfNotPresent");
	}

	@Test
	void imageRepositoryTagAndPullPolicyComeFromValues() {
		var container = Chart.render().values("scheduling-values.yaml").manifests().pod("storage").getContainers().get(0);

		assertThat(container.getImage()).isEqualTo("registry.example.com/gathercopy/storage-service:0.1.0-rc.1");
		assertThat(container.getImagePullPolicy()).isEqualTo("Always");
	}

	@Test
	void ingressesRouteToTheServicesOnTheirPorts() {
		Manifests manifests = Chart.render().values("ingress-monitoring-values.yaml").manifests();

		for (String component : List.of("storage", "agent")) {
			Ingress ingress = manifests.one(Ingress.class, Manifests.name(component));
			Service service = manifests.one(Service.class, Manifests.name(component));
			assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
			assertThat(ingress.getSpec().getTls()).singleElement()
				.satisfies((tls) -> assertThat(tls.getHosts()).containsExactly(component + ".example.com"));
			HTTPIngressPath path = ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0);
			assertThat(path.getBackend().getService().getName()).isEqualTo(service.getMetadata().getName());
			assertThat(path.getBackend().getService().getPort().getNumber())
				.isEqualTo(service.getSpec().getPorts().get(0).getPort());
		}
	}

	@Test
	void ingressesAreOffByDefault() {
		assertThat(Chart.render().manifests().all(Ingress.class)).isEmpty();
	}

	@Test
	@SuppressWarnings("unchecked")
	void serviceMonitorScrapesThePrometheusEndpointOfBothServices() {
		Manifests manifests = Chart.render().values("ingress-monitoring-values.yaml").manifests();
		GenericKubernetesResource monitor = manifests.all(GenericKubernetesResource.class).get(0);
		Map<String, Object> spec = (Map<String, Object>) monitor.getAdditionalProperties().get("spec");
		Map<String, Object> selector = (Map<String, Object>) spec.get("selector");
		Map<String, String> matchLabels = (Map<String, String>) selector.get("matchLabels");
		List<Map<String, Object>> expressions = (List<Map<String, Object>>) selector.get("matchExpressions");

		assertThat(monitor.getKind()).isEqualTo("ServiceMonitor");
		assertThat(monitor.getMetadata().getNamespace()).isEqualTo("monitoring");
		assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
		assertThat((Map<String, Object>) spec.get("namespaceSelector")).containsEntry("matchNames", List.of("files"));
		for (String component : List.of("storage", "agent")) {
			Map<String, String> serviceLabels = manifests.one(Service.class, Manifests.name(component))
				.getMetadata()
				.getLabels();
			assertThat(serviceLabels.entrySet()).containsAll(matchLabels.entrySet());
			assertThat((List<String>) expressions.get(0).get("values"))
				.contains(serviceLabels.get(expressions.get(0).get("key")));
		}
		assertThat((List<Map<String, Object>>) spec.get("endpoints")).singleElement().satisfies((endpoint) -> {
			assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/actuator/prometheus");
			assertThat(endpoint).containsEntry("interval", "15s").containsEntry("scrapeTimeout", "5s");
		});
		assertThat(manifests.deployment("storage").getSpec().getTemplate().getMetadata().getAnnotations())
			.doesNotContainKey("prometheus.io/scrape");
	}

	@Test
	void disruptionBudgetsCoverTheServicePods() {
		Manifests manifests = Chart.render().values("rwx-replicas-values.yaml").manifests();

		for (String component : List.of("storage", "agent")) {
			PodDisruptionBudget budget = manifests.one(PodDisruptionBudget.class, Manifests.name(component));
			assertThat(budget.getSpec().getSelector().getMatchLabels())
				.isEqualTo(manifests.deployment(component).getSpec().getSelector().getMatchLabels());
			assertThat(budget.getSpec().getMinAvailable()).isNull();
		}
		assertThat(manifests.one(PodDisruptionBudget.class, Manifests.name("storage")).getSpec().getMaxUnavailable()
			.getStrVal()).isEqualTo("34%");
	}

	@Test
	void helmTestPodWaitsForTheReadinessOfBothServices() {
		Manifests manifests = Chart.render().withHooks().manifests();
		Pod pod = manifests.all(Pod.class).get(0);
		String script = String.join("\n", pod.getSpec().getContainers().get(0).getCommand());

		assertThat(pod.getMetadata().getAnnotations())
			.containsEntry(Chart.RENAMED_HOOK_ANNOTATION.replace(":", ""), "test");
		assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
		assertThat(script).contains("http://gc-gathercopy-storage:8080/actuator/health/readiness")
			.contains("http://gc-gathercopy-agent:8090/actuator/health/readiness");
	}

	@Test
	void notesShowPortForwardingAndTheSwaggerUi() {
		String notes = Chart.render().notes();

		assertThat(notes).contains("kubectl port-forward --namespace files service/gc-gathercopy-agent 8090:8090")
			.contains("http://127.0.0.1:8090/swagger-ui.html")
			.contains("kubectl port-forward --namespace files service/gc-gathercopy-storage 8080:8080")
			.contains("http://127.0.0.1:8080/swagger-ui.html")
			.contains("kubectl get secret --namespace files gc-gathercopy-auth -o jsonpath='{.data.token}' | base64 -d")
			.contains("helm test --namespace files gc");
	}

}
