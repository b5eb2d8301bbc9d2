package dev.gathercopy.helm;

import java.util.List;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every pod of the chart, the `helm test` pod included, runs hardened. */
class SecurityTests {

	private final Manifests manifests = Chart.render().withHooks().manifests();

	@Test
	void chartRendersTheTwoServicesAndTheTestPod() {
		assertThat(pods()).hasSize(3);
	}

	@Test
	void podsRunAsNonRootUser10001WithRuntimeDefaultSeccomp() {
		for (PodSpec pod : pods()) {
			PodSecurityContext context = pod.getSecurityContext();
			assertThat(context.getRunAsNonRoot()).isTrue();
			assertThat(context.getRunAsUser()).isEqualTo(10001L);
			assertThat(context.getFsGroup()).isEqualTo(10001L);
			assertThat(context.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
		}
	}

	@Test
	void containersHaveAReadOnlyRootFilesystemNoEscalationAndNoCapabilities() {
		for (PodSpec pod : pods()) {
			for (Container container : pod.getContainers()) {
				SecurityContext context = container.getSecurityContext();
				assertThat(context.getRunAsNonRoot()).as(container.getName()).isTrue();
				assertThat(context.getReadOnlyRootFilesystem()).as(container.getName()).isTrue();
				assertThat(context.getAllowPrivilegeEscalation()).as(container.getName()).isFalse();
				assertThat(context.getPrivileged()).as(container.getName()).isFalse();
				assertThat(context.getCapabilities().getDrop()).as(container.getName()).containsExactly("ALL");
				assertThat(context.getCapabilities().getAdd()).as(container.getName()).isNullOrEmpty();
				assertThat(context.getSeccompProfile().getType()).as(container.getName()).isEqualTo("RuntimeDefault");
			}
		}
	}

	@Test
	void servicesWriteTmpOnASizeLimitedEmptyDir() {
		for (String component : List.of("storage", "agent")) {
			PodSpec pod = this.manifests.pod(component);
			var tmp = VolumeTests.volumeMountedAt(pod, "/tmp");
			assertThat(tmp.getEmptyDir()).as(component).isNotNull();
			assertThat(tmp.getEmptyDir().getSizeLimit()).as(component).isNotNull();
		}
	}

	@Test
	void serviceAccountTokenIsNeverMounted() {
		assertThat(this.manifests.all(ServiceAccount.class)).singleElement()
			.satisfies((account) -> assertThat(account.getAutomountServiceAccountToken()).isFalse());
		for (PodSpec pod : pods()) {
			assertThat(pod.getAutomountServiceAccountToken()).isFalse();
			assertThat(pod.getEnableServiceLinks()).isFalse();
		}
	}

	@Test
	void containersHaveCpuAndMemoryRequestsAndLimitsAndAHeapSizedByTheLimit() {
		for (PodSpec pod : pods()) {
			for (Container container : pod.getContainers()) {
				assertThat(container.getResources().getRequests()).as(container.getName()).containsKeys("cpu", "memory");
				assertThat(container.getResources().getLimits()).as(container.getName()).containsKeys("cpu", "memory");
			}
		}
		for (String component : List.of("storage", "agent")) {
			assertThat(this.manifests.pod(component).getContainers().get(0).getEnv())
				.anySatisfy((variable) -> {
					assertThat(variable.getName()).isEqualTo("JAVA_TOOL_OPTIONS");
					assertThat(variable.getValue()).contains("-XX:MaxRAMPercentage=75");
				});
		}
	}

	private List<PodSpec> pods() {
		List<PodSpec> pods = new java.util.ArrayList<>();
		this.manifests.all(Deployment.class).forEach((deployment) -> pods.add(deployment.getSpec().getTemplate().getSpec()));
		this.manifests.all(Pod.class).forEach((pod) -> pods.add(pod.getSpec()));
		return pods;
	}

}
