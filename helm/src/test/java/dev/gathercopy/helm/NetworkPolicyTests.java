package dev.gathercopy.helm;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Only the agent, Prometheus and the chart's own test pod may open connections to storage. */
class NetworkPolicyTests {

	@Test
	void policySelectsTheStoragePodsAndNoOthers() {
		Manifests manifests = Chart.render().manifests();
		LabelSelector selector = policy(manifests).getSpec().getPodSelector();

		assertThat(matches(selector, podLabels(manifests, "storage"))).isTrue();
		assertThat(matches(selector, podLabels(manifests, "agent"))).isFalse();
		assertThat(policy(manifests).getSpec().getPolicyTypes()).containsExactly("Ingress");
	}

	@Test
	void onlyTheAgentPrometheusAndTheTestPodMayConnectAndOnlyToTheHttpPort() {
		Manifests manifests = Chart.render().withHooks().manifests();
		Map<String, String> testPod = manifests.all(Pod.class).get(0).getMetadata().getLabels();

		NetworkPolicyIngressRule rule = onlyRule(manifests);

		assertThat(rule.getPorts()).singleElement()
			.satisfies((port) -> assertThat(port.getPort()).isEqualTo(new IntOrString("http")));
		List<NetworkPolicyPeer> peers = rule.getFrom();
		assertThat(peers).hasSize(3);
		NetworkPolicyPeer agent = peers.get(0);
		assertThat(agent.getNamespaceSelector()).isNull();
		assertThat(matches(agent.getPodSelector(), podLabels(manifests, "agent"))).isTrue();
		assertThat(matches(agent.getPodSelector(), podLabels(manifests, "storage"))).isFalse();
		NetworkPolicyPeer test = peers.get(1);
		assertThat(test.getNamespaceSelector()).isNull();
		assertThat(matches(test.getPodSelector(), testPod)).isTrue();
		assertThat(matches(test.getPodSelector(), podLabels(manifests, "agent"))).isFalse();
		NetworkPolicyPeer prometheus = peers.get(2);
		assertThat(prometheus.getNamespaceSelector().getMatchLabels())
			.isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"));
		assertThat(prometheus.getPodSelector().getMatchLabels()).isEqualTo(Map.of("app.kubernetes.io/name", "prometheus"));
	}

	@Test
	void prometheusIsFoundByTheLabelsGivenInValuesWithDefaultsDroppedByNull() {
		Manifests manifests = Chart.render().valuesYaml("""
				networkPolicy:
				  prometheus:
				    namespaceLabels:
				      kubernetes.io/metadata.name: null
				      team: observability
				    podLabels:
				      app.kubernetes.io/name: null
				      app: vmagent
				""").manifests();

		NetworkPolicyPeer prometheus = onlyRule(manifests).getFrom().get(2);

		assertThat(prometheus.getNamespaceSelector().getMatchLabels()).isEqualTo(Map.of("team", "observability"));
		assertThat(prometheus.getPodSelector().getMatchLabels()).isEqualTo(Map.of("app", "vmagent"));
	}

	@Test
	void storageIngressAdmitsTheIngressControllerToo() {
		Manifests manifests = Chart.render().values("ingress-monitoring-values.yaml").manifests();

		List<NetworkPolicyPeer> peers = onlyRule(manifests).getFrom();

		assertThat(peers).hasSize(4);
		assertThat(peers.get(3).getNamespaceSelector().getMatchLabels())
			.isEqualTo(Map.of("kubernetes.io/metadata.name", "ingress-nginx"));
		assertThat(peers.get(3).getPodSelector().getMatchLabels())
			.isEqualTo(Map.of("app.kubernetes.io/name", "ingress-nginx"));
	}

	@Test
	void noPeerAdmitsEveryPodOfTheNamespace() {
		for (String values : List.of("default-values.yaml", "ingress-monitoring-values.yaml")) {
			for (NetworkPolicyPeer peer : onlyRule(Chart.render().values(values).manifests()).getFrom()) {
				boolean selectsPods = peer.getPodSelector() != null && peer.getPodSelector().getMatchLabels() != null
						&& !peer.getPodSelector().getMatchLabels().isEmpty();
				boolean selectsNamespaces = peer.getNamespaceSelector() != null;
				assertThat(selectsPods || selectsNamespaces).as("%s in %s", peer, values).isTrue();
				assertThat(peer.getIpBlock()).isNull();
			}
		}
	}

	@Test
	void policyCanBeLeftOutForClustersWithoutNetworkPolicySupport() {
		assertThat(Chart.render().set("networkPolicy.enabled", false).manifests().all(NetworkPolicy.class)).isEmpty();
	}

	private static NetworkPolicy policy(Manifests manifests) {
		return manifests.one(NetworkPolicy.class, Manifests.name("storage"));
	}

	private static NetworkPolicyIngressRule onlyRule(Manifests manifests) {
		List<NetworkPolicyIngressRule> rules = policy(manifests).getSpec().getIngress();
		assertThat(rules).hasSize(1);
		return rules.get(0);
	}

	private static Map<String, String> podLabels(Manifests manifests, String component) {
		return manifests.deployment(component).getSpec().getTemplate().getMetadata().getLabels();
	}

	private static boolean matches(LabelSelector selector, Map<String, String> labels) {
		assertThat(selector.getMatchExpressions()).isNullOrEmpty();
		return labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
	}

}
