package dev.gathercopy.helm;

import java.util.List;
import java.util.Properties;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ports, probes and scrape settings agree with the application.properties each service is packaged with, so a change
 * there that the chart does not follow fails here.
 */
class ServicePortsAndProbesTests {

	private final Manifests manifests = Chart.render().manifests();

	@ParameterizedTest
	@CsvSource({ "storage, storage-service", "agent, agent-service" })
	void containerPortIsTheServerPortOfTheApplication(String component, String module) {
		int serverPort = Integer.parseInt(Chart.applicationProperties(module).getProperty("server.port"));

		ContainerPort http = httpPort(container(component));

		assertThat(http.getContainerPort()).isEqualTo(serverPort);
		Service service = this.manifests.one(Service.class, Manifests.name(component));
		ServicePort servicePort = service.getSpec().getPorts().get(0);
		assertThat(servicePort.getTargetPort()).isEqualTo(new IntOrString("http"));
		assertThat(servicePort.getPort()).isEqualTo(serverPort);
		assertThat(service.getSpec().getSelector())
			.isEqualTo(this.manifests.deployment(component).getSpec().getSelector().getMatchLabels());
	}

	@ParameterizedTest
	@CsvSource({ "storage, storage-service", "agent, agent-service" })
	void probesUseTheHealthGroupsOnTheManagementPort(String component, String module) {
		Properties application = Chart.applicationProperties(module);
		assertThat(application.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
		int managementPort = Integer.parseInt(
				application.getProperty("management.server.port", application.getProperty("server.port")));
		String actuator = application.getProperty("management.endpoints.web.base-path", "/actuator");
		Container container = container(component);

		HTTPGetAction startup = container.getStartupProbe().getHttpGet();
		HTTPGetAction liveness = container.getLivenessProbe().getHttpGet();
		HTTPGetAction readiness = container.getReadinessProbe().getHttpGet();

		assertThat(startup.getPath()).isEqualTo(actuator + "/health/liveness");
		assertThat(liveness.getPath()).isEqualTo(actuator + "/health/liveness");
		assertThat(readiness.getPath()).isEqualTo(actuator + "/health/readiness");
		for (HTTPGetAction probe : List.of(startup, liveness, readiness)) {
			assertThat(portNumber(container, probe.getPort())).isEqualTo(managementPort);
		}
	}

	@ParameterizedTest
	@CsvSource({ "storage, storage-service", "agent, agent-service" })
	void scrapeAnnotationsPointAtTheExposedPrometheusEndpoint(String component, String module) {
		Properties application = Chart.applicationProperties(module);
		assertThat(application.getProperty("management.endpoints.web.exposure.include").split(","))
			.contains("prometheus");
		String actuator = application.getProperty("management.endpoints.web.base-path", "/actuator");

		var annotations = this.manifests.deployment(component).getSpec().getTemplate().getMetadata().getAnnotations();

		assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
			.containsEntry("prometheus.io/path", actuator + "/prometheus")
			.containsEntry("prometheus.io/port", application.getProperty("server.port"));
	}

	@ParameterizedTest
	@CsvSource({ "storage-service, storage", "agent-service, agent" })
	void dockerfileExposesTheServerPortAndRunsAsTheChartsUser(String module, String component) {
		List<String> dockerfile = Chart.dockerfile(module);
		Long chartUser = this.manifests.pod(component).getSecurityContext().getRunAsUser();

		assertThat(dockerfile).contains("EXPOSE " + Chart.applicationProperties(module).getProperty("server.port"));
		assertThat(dockerfile).anyMatch((line) -> line.matches("USER " + chartUser + "(:\\d+)?"));
		assertThat(dockerfile).anyMatch((line) -> line.startsWith("FROM eclipse-temurin:25-jre"));
	}

	private Container container(String component) {
		return this.manifests.pod(component).getContainers().get(0);
	}

	private static ContainerPort httpPort(Container container) {
		return container.getPorts().stream().filter((port) -> "http".equals(port.getName())).findFirst().orElseThrow();
	}

	private static int portNumber(Container container, IntOrString port) {
		if (port.getIntVal() != null) {
			return port.getIntVal();
		}
		return container.getPorts()
			.stream()
			.filter((candidate) -> port.getStrVal().equals(candidate.getName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()))
			.getContainerPort();
	}

}
